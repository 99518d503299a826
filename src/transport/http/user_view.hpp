// A user as the API shows them, with their organisation's name looked up.
#pragma once

#include "transport/http/api.hpp"

#include <boost/json/object.hpp>

namespace kelisim::transport {

boost::asio::awaitable<boost::json::object> userView(ApiContext &ctx, const core::User &user);

} // namespace kelisim::transport
