#pragma once
/// Expected failures as values: a domain error code with field errors, mapped to HTTP in one place (http/problem).

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace spbe {

enum class ErrorCode {
  kValidation,       // input broke a rule; field errors say which
  kBadRequest,       // request could not be read at all
  kUnauthorized,     // no or bad credentials
  kForbidden,        // actor may not do this
  kNotFound,         // no such object (or not visible to the actor)
  kConflict,         // state forbids it (duplicate, stale version)
  kPayloadTooLarge,  // body over the limit
  kRateLimited,      // too many attempts
  kUnavailable,      // a dependency (database) does not answer
  kInternal,         // a bug; details are logged, not shown
};

/// One field's complaint, with a message key resolved in the user's language by the caller.
struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;  // human-readable, already in the user's language where it reaches a user
  std::vector<FieldError> fields;
  int retry_after_s = 0;  // kRateLimited: seconds until trying again makes sense

  static Error Validation(std::vector<FieldError> fields, std::string detail = {}) {
    return Error{ErrorCode::kValidation, std::move(detail), std::move(fields)};
  }
  static Error Of(ErrorCode code, std::string detail) { return Error{code, std::move(detail), {}}; }
  /// One line for a page's alert: the first field's complaint, else the detail.
  const std::string& Headline() const { return fields.empty() ? detail : fields.front().message; }
};

/// Either a value or an Error. Access to the wrong alternative is a bug and throws.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design, like std::expected
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return Checked<T>(); }
  const T& value() const& { return const_cast<Result*>(this)->template Checked<T>(); }
  T&& value() && { return std::move(Checked<T>()); }
  const Error& error() const { return const_cast<Result*>(this)->template Checked<Error>(); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(value()); }

 private:
  template <typename U>
  U& Checked() {
    if (auto* p = std::get_if<U>(&v_)) return *p;
    throw std::logic_error(ok() ? "Result holds a value, not an error"
                                : "Result holds an error: " + std::get<Error>(v_).detail);
  }
  std::variant<T, Error> v_;
};

/// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace spbe
