// The sub-commands of the `kelisim` binary. cli.cpp parses the command line into these
// calls; main.cpp wires the objects each command needs (the composition root).
#pragma once

#include "config/config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim {

int runServe(const config::Config &config);
int runMigrate(const config::Config &config);
// password empty: a random one is made. Prints the accounts; also writes them to
// credentials_file (mode 0600) when given.
int runSeedDemo(const config::Config &config, std::string password,
                const std::string &credentials_file);
int runUserAdd(const config::Config &config, const std::string &email, const std::string &role,
               const std::vector<std::string> &kinds, const std::string &name,
               const std::string &organisation_id, const std::string &password);
int runBackup(const config::Config &config, const std::string &destination);
// Walks the audit trail (reads only); exit 0 when intact, 1 when broken (the first
// entry that breaks the chain is printed), 2 when it cannot be read.
int runAuditVerify(const config::Config &config);

} // namespace kelisim
