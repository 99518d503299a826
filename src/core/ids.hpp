// Ids of records: 24 lowercase hex characters, the first 12 the creation time in
// milliseconds, the other 12 random. New rows of a table then land next to each other in its
// indexes (a batch of inserts touches one page, not one page each), yet ids stay hard to
// guess. Ids are not secrets.
#pragma once

#include "core/ports/random.hpp"
#include "core/time.hpp"

#include <string>

namespace kelisim::core {

std::string newId(Time now, Random &random);

// A secret (a session's cookie, a ticket's return link): the creation time like an id (12 hex
// characters), then `bytes` random bytes in hex. Stored only as app::tokenKey: its time prefix
// and a hash, so new sessions and links too land together in their index instead of one
// random page each, while the secret part is never stored.
std::string newToken(Time now, Random &random, std::size_t bytes);

} // namespace kelisim::core
