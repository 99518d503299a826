// Files compiled into the binary by cmake/embed.cmake: SQL migrations and the server's
// translations. Each function returns its files sorted by name; the data lives forever.
#pragma once

#include <span>
#include <string_view>

namespace kelisim {

struct EmbeddedFile {
  std::string_view name;
  std::string_view data;
};

std::span<const EmbeddedFile> sqliteMigrations();
std::span<const EmbeddedFile> postgresMigrations();
std::span<const EmbeddedFile> serverTranslations();

} // namespace kelisim
