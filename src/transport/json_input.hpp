// Decoding JSON request bodies into what the services take, collecting every problem at
// once: unknown fields, missing fields, wrong types, oversized strings. A malformed body is
// invalid_json; a well-formed one with bad fields is validation_failed with one FieldError
// per field. Parsing is bounded (depth, size) and fuzzed (tests/fuzz/json_input_fuzz.cpp).
// So is the answer: at most kMaxFieldErrors field errors, each field's name cut to
// kMaxFieldName bytes, so a body of a million made-up fields gets a short problem.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::transport {

// Parses a JSON object (not an array or scalar) of at most max_depth nesting.
core::Result<boost::json::object> parseJsonObject(std::string_view body, int max_depth = 16);

class JsonInput {
public:
  explicit JsonInput(const boost::json::object &object) : object_(object) {}

  // Each getter records a FieldError on a problem and returns nullopt.
  std::optional<std::string> string(std::string_view field, bool required,
                                    std::size_t max_chars = 1000);
  std::optional<bool> boolean(std::string_view field, bool required);
  std::optional<core::Language> language(std::string_view field, bool required);
  std::optional<core::Role> role(std::string_view field, bool required);
  std::optional<std::vector<core::SpecialistKind>> kinds(std::string_view field, bool required);
  std::optional<std::vector<core::Language>> languages(std::string_view field, bool required);
  std::optional<std::vector<std::string>> words(std::string_view field, bool required,
                                                std::size_t max_items, std::size_t max_chars);
  const boost::json::object *object(std::string_view field, bool required);
  // A whole number in [min, max].
  std::optional<std::int64_t> integer(std::string_view field, bool required, std::int64_t min,
                                      std::int64_t max);
  // An RFC 3339 time.
  std::optional<core::Time> time(std::string_view field, bool required);
  // An array of at most max_items; items are checked by the caller.
  const boost::json::array *array(std::string_view field, bool required, std::size_t max_items);
  // {"kk": …, "ru": …, "en": …}, each at most max_chars (missing ones empty).
  std::optional<core::LocalText> localText(std::string_view field, bool required,
                                           std::size_t max_chars);
  // Records a problem the caller found in a field's value (e.g. one item of an array).
  static constexpr std::size_t kMaxFieldErrors = 20;
  static constexpr std::size_t kMaxFieldName = 64;
  void fail(std::string_view field, std::string code, std::map<std::string, std::string> p = {});

  // Unknown fields become errors too (catches typos such as "pasword").
  core::Status finish();

private:
  const boost::json::value *find(std::string_view field, bool required);

  const boost::json::object &object_;
  std::set<std::string, std::less<>> seen_;
  core::Error error_ = core::Error::make(core::ErrorCode::validation_failed);
};

} // namespace kelisim::transport
