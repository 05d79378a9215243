// Reading the data of `saylau import`: a CSV file as published, or gzip-compressed (.gz, as the
// Russian CEC files are kept), read whole into memory with zlib.
#pragma once

#include <string>

#include "saylau/base/result.h"

namespace saylau::importer {

// The bytes of `path`, uncompressed when its name ends in ".gz". Errors: kNotFound when it
// cannot be opened; kInvalidArgument when a .gz file is not gzip or is cut short.
Result<std::string> ReadDataFile(const std::string& path);

}  // namespace saylau::importer
