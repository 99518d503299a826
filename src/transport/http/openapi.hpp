// GET /api/v1/openapi.json: an OpenAPI 3.1 document. Paths come from the router; request
// and response shapes from the table in openapi.cpp, which must name every route (the test
// openapi_test.cpp fails when a route is added without being described, or vice versa).
#pragma once

#include "transport/http/router.hpp"

#include <boost/json/object.hpp>

#include <set>
#include <string>

namespace kelisim::transport {

boost::json::object openApiDocument(const Router &router);
// "GET /api/v1/me", … : every operation the table describes.
std::set<std::string> describedOperations();

} // namespace kelisim::transport
