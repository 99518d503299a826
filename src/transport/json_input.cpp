#include "transport/json_input.hpp"

#include "core/validation.hpp"

#include <boost/json/stream_parser.hpp>

#include <cmath>

namespace kelisim::transport {

using core::Error;
using core::ErrorCode;

namespace {
// Boost.JSON reads a number too large for a double as infinity, which no JSON can carry
// back out: such a body is refused as malformed. (Depth is bounded by the parser.)
bool allFinite(const boost::json::value &v) {
  if (v.is_double()) return std::isfinite(v.get_double());
  if (v.is_array()) {
    for (const auto &item : v.get_array())
      if (!allFinite(item)) return false;
  } else if (v.is_object()) {
    for (const auto &kv : v.get_object())
      if (!allFinite(kv.value())) return false;
  }
  return true;
}
} // namespace

core::Result<boost::json::object> parseJsonObject(std::string_view body, int max_depth) {
  boost::json::parse_options options;
  options.max_depth = static_cast<std::size_t>(max_depth);
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  parser.write(body.data(), body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) return Error::make(ErrorCode::invalid_json, ec.message());
  boost::json::value v = parser.release();
  if (!v.is_object()) return Error::make(ErrorCode::invalid_json, "not an object");
  if (!allFinite(v)) return Error::make(ErrorCode::invalid_json, "number out of range");
  return std::move(v.as_object());
}

void JsonInput::fail(std::string_view field, std::string code,
                     std::map<std::string, std::string> p) {
  if (error_.fields.size() >= kMaxFieldErrors) return;
  error_.fields.push_back(
      {std::string(field.substr(0, kMaxFieldName)), std::move(code), std::move(p)});
}

const boost::json::value *JsonInput::find(std::string_view field, bool required) {
  seen_.emplace(field);
  auto it = object_.find(field);
  if (it == object_.end() || it->value().is_null()) {
    if (required) fail(field, "required");
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> JsonInput::string(std::string_view field, bool required,
                                             std::size_t max_chars) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(field, "invalid_type");
    return std::nullopt;
  }
  std::string s(v->as_string());
  auto len = core::utf8Length(s, /*allow_newlines=*/true);
  if (!len) {
    fail(field, "invalid_format");
    return std::nullopt;
  }
  if (*len > max_chars) {
    fail(field, "too_long", {{"max", std::to_string(max_chars)}});
    return std::nullopt;
  }
  if (required && s.empty()) {
    fail(field, "required");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> JsonInput::boolean(std::string_view field, bool required) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(field, "invalid_type");
    return std::nullopt;
  }
  return v->as_bool();
}

namespace {
template <typename T, typename Parse>
std::optional<T> enumValue(const boost::json::value *v, Parse parse, bool &type_ok) {
  type_ok = v->is_string();
  if (!type_ok) return std::nullopt;
  return parse(std::string_view(v->as_string()));
}
} // namespace

std::optional<core::Language> JsonInput::language(std::string_view field, bool required) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  bool type_ok;
  auto l = enumValue<core::Language>(v, core::parseLanguage, type_ok);
  if (!l) fail(field, type_ok ? "invalid_value" : "invalid_type");
  return l;
}

std::optional<core::Role> JsonInput::role(std::string_view field, bool required) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  bool type_ok;
  auto r = enumValue<core::Role>(v, core::parseRole, type_ok);
  if (!r) fail(field, type_ok ? "invalid_value" : "invalid_type");
  return r;
}

std::optional<std::vector<std::string>> JsonInput::words(std::string_view field, bool required,
                                                         std::size_t max_items,
                                                         std::size_t max_chars) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(field, "invalid_type");
    return std::nullopt;
  }
  const auto &array = v->as_array();
  if (array.size() > max_items) {
    fail(field, "too_long", {{"max", std::to_string(max_items)}});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto &item : array) {
    if (!item.is_string()) {
      fail(field, "invalid_type");
      return std::nullopt;
    }
    std::string s(item.as_string());
    auto len = core::utf8Length(s);
    if (!len || *len == 0 || *len > max_chars) {
      fail(field, "invalid_value");
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::vector<core::SpecialistKind>> JsonInput::kinds(std::string_view field,
                                                                  bool required) {
  auto ws = words(field, required, std::size(core::kAllKinds), 32);
  if (!ws) return std::nullopt;
  std::vector<core::SpecialistKind> out;
  for (const auto &w : *ws) {
    auto k = core::parseSpecialistKind(w);
    if (!k) {
      fail(field, "invalid_value");
      return std::nullopt;
    }
    out.push_back(*k);
  }
  return out;
}

std::optional<std::vector<core::Language>> JsonInput::languages(std::string_view field,
                                                                bool required) {
  auto ws = words(field, required, 3, 8);
  if (!ws) return std::nullopt;
  std::vector<core::Language> out;
  for (const auto &w : *ws) {
    auto l = core::parseLanguage(w);
    if (!l) {
      fail(field, "invalid_value");
      return std::nullopt;
    }
    out.push_back(*l);
  }
  return out;
}

const boost::json::object *JsonInput::object(std::string_view field, bool required) {
  const auto *v = find(field, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(field, "invalid_type");
    return nullptr;
  }
  return &v->as_object();
}

std::optional<std::int64_t> JsonInput::integer(std::string_view field, bool required,
                                               std::int64_t min, std::int64_t max) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_int64())
    n = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= INT64_MAX)
    n = static_cast<std::int64_t>(v->as_uint64());
  if (!n) {
    fail(field, "invalid_type");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    fail(field, "out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return std::nullopt;
  }
  return n;
}

std::optional<core::Time> JsonInput::time(std::string_view field, bool required) {
  const auto *v = find(field, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(field, "invalid_type");
    return std::nullopt;
  }
  auto t = core::parseRfc3339(std::string_view(v->as_string()));
  if (!t) fail(field, "invalid_format");
  return t;
}

const boost::json::array *JsonInput::array(std::string_view field, bool required,
                                           std::size_t max_items) {
  const auto *v = find(field, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(field, "invalid_type");
    return nullptr;
  }
  if (v->as_array().size() > max_items) {
    fail(field, "too_long", {{"max", std::to_string(max_items)}});
    return nullptr;
  }
  return &v->as_array();
}

std::optional<core::LocalText> JsonInput::localText(std::string_view field, bool required,
                                                    std::size_t max_chars) {
  const auto *o = object(field, required);
  if (!o) return std::nullopt;
  JsonInput names(*o);
  core::LocalText t;
  t.kk = names.string("kk", false, max_chars).value_or("");
  t.ru = names.string("ru", false, max_chars).value_or("");
  t.en = names.string("en", false, max_chars).value_or("");
  if (auto st = names.finish(); !st) {
    for (auto &f : st.error().fields) fail(std::string(field) + "." + f.field, f.code, f.params);
    return std::nullopt;
  }
  return t;
}

core::Status JsonInput::finish() {
  for (const auto &kv : object_)
    if (!seen_.contains(std::string_view(kv.key()))) fail(kv.key(), "unknown");
  if (!error_.fields.empty()) return error_;
  return core::okStatus();
}

} // namespace kelisim::transport
