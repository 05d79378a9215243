// SAYLAU_CHECK(cond): fails loudly on a bug (a broken invariant, a violated REQUIRES).
// It throws saylau::InternalError carrying file and line; only adapters (CLI, server)
// catch it. Never use it for bad input: that is a Result error (result.h).
#pragma once

#include <stdexcept>
#include <string>

namespace saylau {

class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

namespace internal {
[[noreturn]] inline void FailCheck(const char* condition, const char* file, int line) {
  throw InternalError(std::string("internal check failed: ") + condition + " at " + file + ":" + std::to_string(line));
}
}  // namespace internal

}  // namespace saylau

#define SAYLAU_CHECK(condition)                                      \
  do {                                                               \
    if (!(condition)) {                                              \
      ::saylau::internal::FailCheck(#condition, __FILE__, __LINE__); \
    }                                                                \
  } while (false)
