// Expected failures as values: ErrorCode says what went wrong in words the edge can map
// to an HTTP status and a localised message (transport/problem.cpp); Result<T> carries a
// value or an Error. Errors are plain data, safe to copy between threads.
#pragma once

#include <cassert>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kelisim::core {

enum class ErrorCode {
  bad_request, // not HTTP we can read
  invalid_json,
  headers_too_large,
  validation_failed,
  not_found,
  method_not_allowed,
  payload_too_large,
  unsupported_media_type,
  too_many_requests,
  unauthenticated,
  forbidden,
  csrf_failed,
  conflict,
  other_account, // this device is signed in to an account the request would replace
  invalid_credentials,
  account_locked,
  account_deactivated, // right password, but the account was deactivated by its organisation
  link_expired,        // a one-time link used already or too old: ask for a new one
  unavailable,
  busy,           // overloaded: refused at once, nothing stored; the client should retry shortly
  quota_exceeded, // an allowance (attachments of a room or a person) is used up
  internal,
};

// One problem with one input field: `code` is a stable word (required, too_long,
// invalid_format, invalid_type, not_allowed, too_short, taken) and `params` fill the
// localised message (e.g. {"max": "4000"}).
struct FieldError {
  std::string field;
  std::string code;
  std::map<std::string, std::string> params;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::vector<FieldError> fields;            // for validation_failed
  std::map<std::string, std::string> params; // e.g. retry_after (seconds)
  std::string log;                           // for the log only, never shown to users

  static Error make(ErrorCode c, std::string log_text = {}) {
    Error e;
    e.code = c;
    e.log = std::move(log_text);
    return e;
  }
  static Error field(std::string name, std::string code,
                     std::map<std::string, std::string> params = {}) {
    Error e;
    e.code = ErrorCode::validation_failed;
    e.fields.push_back({std::move(name), std::move(code), std::move(params)});
    return e;
  }
};

template <typename T> class [[nodiscard]] Result {
public:
  // An unset result is an internal error (needed where a library default-constructs one).
  Result() : v_(Error::make(ErrorCode::internal, "result never set")) {}
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  Result(ErrorCode code) : v_(Error::make(code)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T &value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T &value() const & {
    assert(ok());
    return std::get<0>(v_);
  }
  T &&value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }
  T &operator*() & { return value(); }
  const Error &error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status okStatus() {
  return Unit{};
}

} // namespace kelisim::core
