// Ids of records: 24 lowercase hex characters, the first 12 the creation time in
// milliseconds, the other 12 random. New rows of a table then land next to each other in its
// indexes (a batch of inserts touches one page, not one page each), yet ids stay hard to
// guess. Ids are not secrets: tokens and links use Random::hex alone.
#pragma once

#include "core/ports/random.hpp"
#include "core/time.hpp"

#include <string>

namespace kelisim::core {

std::string newId(Time now, Random &random);

} // namespace kelisim::core
