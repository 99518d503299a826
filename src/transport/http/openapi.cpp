#include "transport/http/openapi.hpp"

#include <boost/json/parse.hpp>

#include <map>

namespace kelisim::transport {

namespace {
struct Operation {
  const char *request;  // schema name or nullptr
  const char *response; // schema name or nullptr (no body)
  int status;
  bool public_access;
};

// "METHOD pattern" → shapes. Keep in step with the router (see openapi_test.cpp).
const std::map<std::string, Operation> &operations() {
  static const std::map<std::string, Operation> table = {
      {"GET /healthz", {nullptr, "Status", 200, true}},
      {"GET /readyz", {nullptr, "Status", 200, true}},
      {"GET /metrics", {nullptr, nullptr, 200, true}},
      {"GET /api/v1/openapi.json", {nullptr, nullptr, 200, true}},
      {"POST /api/v1/auth/sign-up", {"SignUp", "SignedIn", 201, true}},
      {"POST /api/v1/auth/sign-in", {"SignIn", "SignedIn", 200, true}},
      {"POST /api/v1/auth/sign-out", {nullptr, nullptr, 204, true}},
      {"GET /api/v1/me", {nullptr, "User", 200, false}},
      {"PATCH /api/v1/me", {"MyChanges", "User", 200, false}},
      {"GET /api/v1/users", {nullptr, "UserList", 200, false}},
      {"POST /api/v1/users", {"NewStaff", "User", 201, false}},
      {"GET /api/v1/users/{id}", {nullptr, "User", 200, false}},
      {"PATCH /api/v1/users/{id}", {"UserChanges", "User", 200, false}},
      {"GET /api/v1/regions", {nullptr, "RegionList", 200, true}},
      {"GET /api/v1/organisations", {nullptr, "OrganisationList", 200, true}},
      {"POST /api/v1/organisations", {"NewOrganisation", "Organisation", 201, false}},
  };
  return table;
}

constexpr const char *kSchemas = R"json({
  "Problem": {"type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
      "status": {"type": "integer"}, "detail": {"type": "string"},
      "errors": {"type": "array", "items": {"type": "object", "properties": {
        "field": {"type": "string"}, "code": {"type": "string"}, "detail": {"type": "string"}}}}}},
  "Status": {"type": "object", "properties": {"status": {"type": "string"}}},
  "LocalText": {"type": "object", "required": ["kk", "ru", "en"], "properties": {
    "kk": {"type": "string"}, "ru": {"type": "string"}, "en": {"type": "string"}}},
  "Language": {"type": "string", "enum": ["kk", "ru", "en"]},
  "Role": {"type": "string", "enum": ["citizen", "specialist", "coordinator", "admin"]},
  "Kind": {"type": "string", "enum": ["mediator", "psychologist", "lawyer", "judge", "doctor", "anticorruption", "other"]},
  "Category": {"type": "string", "enum": ["family", "civil", "labour", "housing", "health", "consumer", "corruption", "other"]},
  "User": {"type": "object", "properties": {
    "id": {"type": "string"}, "email": {"type": "string"}, "display_name": {"type": "string"},
    "role": {"$ref": "#/components/schemas/Role"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "organisation": {"type": ["object", "null"], "properties": {"id": {"type": "string"},
      "name": {"$ref": "#/components/schemas/LocalText"}, "region": {"type": "string"}}},
    "language": {"$ref": "#/components/schemas/Language"},
    "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}},
    "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
    "created_at": {"type": "string", "format": "date-time"}}},
  "UserList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}, "next": {"type": ["string", "null"]}}},
  "SignUp": {"type": "object", "required": ["email", "password", "display_name"], "additionalProperties": false, "properties": {
    "email": {"type": "string", "maxLength": 254}, "password": {"type": "string", "minLength": 10, "maxLength": 128},
    "display_name": {"type": "string", "maxLength": 100}, "language": {"$ref": "#/components/schemas/Language"}}},
  "SignIn": {"type": "object", "required": ["email", "password"], "additionalProperties": false, "properties": {
    "email": {"type": "string"}, "password": {"type": "string"}}},
  "SignedIn": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}}},
  "MyChanges": {"type": "object", "additionalProperties": false, "properties": {
    "display_name": {"type": "string", "maxLength": 100}, "language": {"$ref": "#/components/schemas/Language"}}},
  "NewStaff": {"type": "object", "required": ["email", "password", "display_name", "role"], "additionalProperties": false, "properties": {
    "email": {"type": "string"}, "password": {"type": "string"}, "display_name": {"type": "string"},
    "role": {"$ref": "#/components/schemas/Role"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "organisation_id": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}},
    "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}}}},
  "UserChanges": {"type": "object", "additionalProperties": false, "properties": {
    "display_name": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "role": {"$ref": "#/components/schemas/Role"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}},
    "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}}}},
  "Region": {"type": "object", "properties": {"code": {"type": "string", "pattern": "^KZ-[0-9]{2}$"},
    "kind": {"type": "string", "enum": ["region", "city"]}, "name": {"$ref": "#/components/schemas/LocalText"}}},
  "RegionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Region"}}, "next": {"type": ["string", "null"]}}},
  "Organisation": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"$ref": "#/components/schemas/LocalText"},
    "region": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
  "OrganisationList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}}, "next": {"type": ["string", "null"]}}},
  "NewOrganisation": {"type": "object", "required": ["name", "region"], "additionalProperties": false, "properties": {
    "name": {"$ref": "#/components/schemas/LocalText"}, "region": {"type": "string"}}}
})json";

boost::json::object ref(const char *schema) {
  return {{"$ref", std::string("#/components/schemas/") + schema}};
}
} // namespace

std::set<std::string> describedOperations() {
  std::set<std::string> out;
  for (const auto &[key, _] : operations()) out.insert(key);
  return out;
}

boost::json::object openApiDocument(const Router &router) {
  boost::json::object paths;
  for (const auto &route : router.routes()) {
    auto it = operations().find(route.method + " " + route.pattern);
    boost::json::object op{{"summary", route.summary}};
    boost::json::object responses;
    if (it != operations().end()) {
      const Operation &o = it->second;
      if (o.request)
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", ref(o.request)}}}}}};
      boost::json::object ok{{"description", "OK"}};
      if (o.response) ok["content"] = {{"application/json", {{"schema", ref(o.response)}}}};
      responses[std::to_string(o.status)] = std::move(ok);
      if (!o.public_access)
        op["security"] = boost::json::array{{{"session", boost::json::array{}}}};
    }
    responses["default"] = {
        {"description", "A problem (RFC 9457), in the caller's language"},
        {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
    op["responses"] = std::move(responses);
    boost::json::array params;
    if (route.pattern.find("{id}") != std::string::npos)
      params.push_back(
          {{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = std::move(params);
    std::string method = route.method;
    for (auto &c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto &item = paths[route.pattern];
    if (!item.is_object()) item.emplace_object();
    item.as_object()[method] = std::move(op);
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Kelisim API"},
            {"version", "0.1.0"},
            {"description", "Virtual receptions and online mediation. Errors are "
                            "application/problem+json; lists are {items, next}."}}},
          {"servers", boost::json::array{{{"url", "/"}}}},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", boost::json::parse(kSchemas)},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "kelisim_session"}}}}}}}};
}

} // namespace kelisim::transport
