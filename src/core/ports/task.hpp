// The shape of every port method: a coroutine on the caller's executor that returns once its
// work is done (a write: once committed) with a Result. Expected failures (not found, taken)
// are errors in the Result, never exceptions.
#pragma once

#include "core/error.hpp"

#include <boost/asio/awaitable.hpp>

namespace kelisim::core {

template <typename T> using Task = boost::asio::awaitable<Result<T>>;

} // namespace kelisim::core
