// The public bundle (docs/verify.md): everything an observer needs to recompute the election
// offline — the definition, the registered keys and observers, every log entry in order with
// its signature, every signed tree head, the results, the observers' flags, the open data
// (CSV and NIST SP 1500-100) and the photos of paper protocols. Also the static snapshot: the
// results as content-addressed JSON files for any static web server or CDN.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "saylau/base/result.h"
#include "saylau/bundle/open_data.h"
#include "saylau/service/results_service.h"

namespace saylau::bundle {

struct PublishSummary {
  std::int64_t entries = 0;
  std::int64_t heads = 0;
  std::int64_t contests = 0;
  std::int64_t open_data_rows = 0;
  std::int64_t photos = 0;
  std::int64_t flags = 0;
  std::int64_t forensics_files = 0;  // forensics/: reports and plots (forensics_documents.h)
  bool manifest_signed = false;
};

// Writes the bundle into `dir` (created; it must not exist or be empty), and last the manifest
// of its files (manifest.h), signed with `log_key` when given (saylau verify refuses an
// unsigned one). Errors: kAlreadyExists for a directory with files, kInvalidArgument when a
// file cannot be written, kFailedPrecondition when the log's heads are signed with another
// key than `log_key`, the store's.
Result<PublishSummary> WriteBundle(service::ResultsService& service, const std::string& dir,
                                   const std::string& application, const crypto::KeyPair* log_key = nullptr);

// Writes the static snapshot into `dir`: one file per document under objects/<sha256>.json
// (content-addressed, cache forever) and index.json naming them (cache briefly). Returns the
// number of documents.
Result<std::int64_t> WriteStaticSnapshot(service::ResultsService& service, const std::string& dir,
                                         const std::string& application);

// The open data of the live state (bundle/open_data.h), its versions read from the log;
// returns the number of rows. Errors: the store's, kUnavailable when writing fails.
Result<std::int64_t> WriteOpenData(service::ResultsService& service, OpenDataFormat format, std::ostream& out);

}  // namespace saylau::bundle
