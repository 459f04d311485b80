// Status and Result<T>: how operating errors travel in Huzhu.
//
// Bad input, rule violations, an unavailable broker, corrupt data: all of these come
// back as values with a code and a message a person can act on. Exceptions from
// libraries are caught at the module edge and turned into a Status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "events/check.h"

namespace huzhu {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,     // The input itself is malformed (bad date, bad CSV cell).
    kNotFound,            // A named thing (member, seq, claim) does not exist.
    kAlreadyExists,       // Creating what exists already (fund, unit id).
    kRuleViolation,       // Well-formed, but the fund's rules refuse it.
    kPermissionDenied,    // The actor's role may not issue this command.
    kCorruption,          // Stored or received data fails decoding or verification.
    kUnavailable,         // A dependency (broker, disk) cannot be reached now.
    kIOError,             // The operating system refused a read or write.
    kFenced,              // Another writer took over this fund.
    kUnsupported,         // Data written by a newer version of Huzhu than this one.
    kInternal,            // A bug: an invariant the code relies on did not hold.
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {Code::kAlreadyExists, std::move(msg)}; }
  static Status RuleViolation(std::string rule, std::string msg) {
    Status s(Code::kRuleViolation, std::move(msg));
    s.rule_ = std::move(rule);
    return s;
  }
  static Status PermissionDenied(std::string msg) { return {Code::kPermissionDenied, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Fenced(std::string msg) { return {Code::kFenced, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // For rule violations: the stable reason code (e.g. "OBSERVATION_PERIOD"); else empty.
  const std::string& rule() const { return rule_; }

  // "corruption: event 17 hash does not match its bytes"
  std::string ToString() const;
  // Prefixes the message with where it happened, keeping code and rule.
  Status WithContext(std::string_view where) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::string rule_;
};

std::string_view CodeName(Status::Code code);

// A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design.
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design.
    HUZHU_CHECK(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    HUZHU_CHECK(ok());
    return *value_;
  }
  const T& value() const& {
    HUZHU_CHECK(ok());
    return *value_;
  }
  T&& value() && {
    HUZHU_CHECK(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace huzhu

#define HUZHU_CONCAT_INNER(a, b) a##b
#define HUZHU_CONCAT(a, b) HUZHU_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not ok.
#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::huzhu::Status huzhu_status_ = (expr);    \
    if (!huzhu_status_.ok()) return huzhu_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(HUZHU_CONCAT(huzhu_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
