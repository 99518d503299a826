// The files the server keeps beside its database (the attachments), copied for a backup.
// Taken after the database's copy: a file is written and flushed before its record is
// committed and is never changed afterwards, so every file the copy's records name is there
// (files attached meanwhile are copied too, and harmless).
#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <filesystem>

namespace kelisim::storage {

struct CopiedFiles {
  std::int64_t files = 0;
  std::int64_t bytes = 0;
};

// Copies every regular file of `from` (not below it) into the new folder `to`, each flushed
// to disk. `to` must not exist; a missing `from` copies nothing (no file attached yet).
core::Result<CopiedFiles> copyFolder(const std::filesystem::path &from,
                                     const std::filesystem::path &to);

} // namespace kelisim::storage
