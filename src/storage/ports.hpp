// The ports the backends implement (core/ports/store.hpp), by their short names inside
// storage/.
#pragma once

#include "core/ports/store.hpp"

namespace kelisim::storage {

using core::Store;
using core::Task;
using core::Unit;

} // namespace kelisim::storage
