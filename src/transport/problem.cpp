#include "transport/problem.hpp"

#include <boost/json/serialize.hpp>

#include <string>

namespace kelisim::transport {

using core::ErrorCode;

namespace {
struct Row {
  ErrorCode code;
  int status;
  std::string_view slug;
  std::string_view key;
};
constexpr Row kTable[] = {
    {ErrorCode::bad_request, 400, "bad-request", "bad_request"},
    {ErrorCode::invalid_json, 400, "invalid-json", "invalid_json"},
    {ErrorCode::headers_too_large, 431, "headers-too-large", "headers_too_large"},
    {ErrorCode::validation_failed, 422, "validation-failed", "validation_failed"},
    {ErrorCode::not_found, 404, "not-found", "not_found"},
    {ErrorCode::method_not_allowed, 405, "method-not-allowed", "method_not_allowed"},
    {ErrorCode::payload_too_large, 413, "payload-too-large", "payload_too_large"},
    {ErrorCode::unsupported_media_type, 415, "unsupported-media-type", "unsupported_media_type"},
    {ErrorCode::too_many_requests, 429, "too-many-requests", "too_many_requests"},
    {ErrorCode::unauthenticated, 401, "unauthenticated", "unauthenticated"},
    {ErrorCode::forbidden, 403, "forbidden", "forbidden"},
    {ErrorCode::csrf_failed, 403, "csrf-failed", "csrf_failed"},
    {ErrorCode::conflict, 409, "conflict", "conflict"},
    {ErrorCode::other_account, 409, "other-account", "other_account"},
    {ErrorCode::invalid_credentials, 401, "invalid-credentials", "invalid_credentials"},
    {ErrorCode::account_locked, 429, "account-locked", "account_locked"},
    {ErrorCode::account_deactivated, 403, "account-deactivated", "account_deactivated"},
    {ErrorCode::link_expired, 410, "link-expired", "link_expired"},
    {ErrorCode::unavailable, 503, "unavailable", "unavailable"},
    {ErrorCode::busy, 503, "busy", "busy"},
    {ErrorCode::quota_exceeded, 413, "quota-exceeded", "quota_exceeded"},
    {ErrorCode::internal, 500, "internal", "internal"},
};
const Row &row(ErrorCode code) {
  for (const auto &r : kTable)
    if (r.code == code) return r;
  return kTable[std::size(kTable) - 1];
}
} // namespace

int httpStatus(ErrorCode code) {
  return row(code).status;
}
std::string_view problemSlug(ErrorCode code) {
  return row(code).slug;
}

boost::json::object problemJson(const core::Error &error, core::Language language,
                                const i18n::Translator &texts) {
  const Row &r = row(error.code);
  const std::string key(r.key);
  i18n::Params params = error.params;
  params.emplace("count", std::to_string(error.fields.size()));
  params.emplace("seconds",
                 error.params.contains("retry_after") ? error.params.at("retry_after") : "1");
  boost::json::object out;
  out["type"] = "urn:kelisim:problem:" + std::string(r.slug);
  out["title"] = texts.text(language, "problem." + key + ".title");
  out["status"] = r.status;
  out["detail"] = texts.text(language, "problem." + key + ".detail", params);
  if (!error.fields.empty()) {
    boost::json::array errors;
    for (const auto &f : error.fields) {
      boost::json::object e;
      e["field"] = f.field;
      e["code"] = f.code;
      e["detail"] = texts.text(language, "field." + f.code, f.params);
      errors.push_back(std::move(e));
    }
    out["errors"] = std::move(errors);
  }
  return out;
}

HttpResponse problemResponse(const core::Error &error, core::Language language,
                             const i18n::Translator &texts) {
  HttpResponse res;
  res.status = httpStatus(error.code);
  res.content_type = "application/problem+json";
  res.body = boost::json::serialize(problemJson(error, language, texts));
  if (auto it = error.params.find("retry_after"); it != error.params.end())
    res.set("Retry-After", it->second);
  else if (error.code == ErrorCode::busy)
    res.set("Retry-After", "1");
  return res;
}

} // namespace kelisim::transport
