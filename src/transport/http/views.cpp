#include "transport/http/views.hpp"

namespace kelisim::transport {

boost::json::object localTextJson(const core::LocalText &t) {
  return {{"kk", t.kk}, {"ru", t.ru}, {"en", t.en}};
}

boost::json::object regionJson(const core::Region &r) {
  return {{"code", r.code}, {"kind", r.kind}, {"name", localTextJson(r.name)}};
}

boost::json::object organisationJson(const core::Organisation &o) {
  return {{"id", o.id},
          {"name", localTextJson(o.name)},
          {"region", o.region},
          {"created_at", core::toRfc3339(o.created_at)}};
}

boost::json::object userJson(const core::User &u,
                             const std::optional<core::Organisation> &organisation) {
  boost::json::array kinds, languages, categories;
  for (auto k : u.kinds) kinds.emplace_back(core::toString(k));
  for (auto l : u.languages) languages.emplace_back(core::toString(l));
  for (const auto &c : u.categories) categories.emplace_back(c);
  boost::json::object out{{"id", u.id},
                          {"email", u.email},
                          {"display_name", u.display_name},
                          {"role", core::toString(u.role)},
                          {"kinds", std::move(kinds)},
                          {"language", core::toString(u.language)},
                          {"languages", std::move(languages)},
                          {"categories", std::move(categories)},
                          {"capacity", u.capacity},
                          {"status", u.deactivated_at ? "deactivated"
                                     : u.password_hash.empty() && u.role != core::Role::citizen
                                         ? "invited"
                                         : "active"},
                          {"created_at", core::toRfc3339(u.created_at)}};
  if (u.consent_at)
    out["consent"] =
        boost::json::object{{"version", u.consent_version}, {"at", core::toRfc3339(*u.consent_at)}};
  else
    out["consent"] = nullptr;
  if (organisation)
    out["organisation"] = boost::json::object{{"id", organisation->id},
                                              {"name", localTextJson(organisation->name)},
                                              {"region", organisation->region}};
  else
    out["organisation"] = nullptr;
  return out;
}

boost::json::object listJson(boost::json::array items) {
  return {{"items", std::move(items)}, {"next", nullptr}};
}

} // namespace kelisim::transport
