// How records look in the API: snake_case JSON, RFC 3339 times, lists as
// {"items": [...], "next": cursor}. Never includes password hashes or session secrets.
#pragma once

#include "core/model.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>

namespace kelisim::transport {

boost::json::object localTextJson(const core::LocalText &text);
boost::json::object regionJson(const core::Region &region);
boost::json::object organisationJson(const core::Organisation &org);
boost::json::object userJson(const core::User &user,
                             const std::optional<core::Organisation> &organisation);
boost::json::object listJson(boost::json::array items);

} // namespace kelisim::transport
