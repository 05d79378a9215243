#include <iostream>

#include "commands.h"
#include "saylau/base/result.h"

namespace saylau::cli {

int ReportError(const Error& error) {
  std::cerr << "saylau: " << error.message << "\n";
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kNotFound:
      return kExitBadInput;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 3;
    case ErrorCode::kUnavailable:
      return 75;
    case ErrorCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace saylau::cli
