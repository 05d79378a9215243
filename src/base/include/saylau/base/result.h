// Result<T>: a value or an Error, for failures that users cause (bad input, wrong state).
// Bugs use SAYLAU_CHECK (check.h) instead. Accessor names follow std::expected so that a
// later compiler can swap this for the standard type. Value semantics; not thread-safe
// beyond what T is.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "saylau/base/check.h"

namespace saylau {

// Pick by what the caller should do next: fix the input, fix the state, or retry.
enum class ErrorCode {
  kInvalidArgument,     // the input itself is malformed        exit 2
  kNotFound,            // a named election/contest is absent   exit 2
  kAlreadyExists,       // creating what is already there       exit 3
  kFailedPrecondition,  // valid input, wrong state             exit 3
  kUnavailable,         // storage busy or gone; retry may work exit 75
  kInternal,            // invariant broken (set by adapters)   exit 70
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string message;
};

inline Error InvalidArgument(std::string message) { return Error{ErrorCode::kInvalidArgument, std::move(message)}; }
inline Error NotFound(std::string message) { return Error{ErrorCode::kNotFound, std::move(message)}; }
inline Error AlreadyExists(std::string message) { return Error{ErrorCode::kAlreadyExists, std::move(message)}; }
inline Error Unavailable(std::string message) { return Error{ErrorCode::kUnavailable, std::move(message)}; }
inline Error FailedPrecondition(std::string message) {
  return Error{ErrorCode::kFailedPrecondition, std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(const T& value) : state_(value) {}          // NOLINT(google-explicit-constructor)
  Result(T&& value) : state_(std::move(value)) {}    // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    SAYLAU_CHECK(has_value());
    return std::get<T>(state_);
  }
  const T& value() const& {
    SAYLAU_CHECK(has_value());
    return std::get<T>(state_);
  }
  T&& value() && {
    SAYLAU_CHECK(has_value());
    return std::get<T>(std::move(state_));
  }
  const Error& error() const {
    SAYLAU_CHECK(!has_value());
    return std::get<Error>(state_);
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<T>(state_) : static_cast<T>(std::forward<U>(fallback));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

// The result of an operation that returns nothing but may fail.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    SAYLAU_CHECK(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

inline Status OkStatus() { return Status(); }

}  // namespace saylau
