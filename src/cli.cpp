// Command-line parsing: `kelisim serve|migrate|seed-demo|user add|backup`, with settings
// layered defaults → --config TOML → KELISIM_* environment → flags (config/config.hpp).
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

extern char **environ;

int main(int argc, char **argv) {
  using namespace kelisim;
  CLI::App app{"Kelisim: virtual receptions and online mediation"};
  app.require_subcommand(1);
  app.fallthrough();

  std::string config_file;
  app.add_option("--config", config_file, "TOML settings file")->check(CLI::ExistingFile);
  std::map<std::string, std::string> flags;
  for (const auto &key : config::settingKeys()) {
    std::string flag = "--" + key;
    for (auto &c : flag)
      if (c == '_') c = '-';
    app.add_option_function<std::string>(
           flag, [&flags, key](const std::string &v) { flags[key] = v; }, config::settingHelp(key))
        ->group("Settings");
  }

  auto *serve = app.add_subcommand("serve", "Serve the web app and the API");
  auto *migrate = app.add_subcommand("migrate", "Apply database migrations");
  auto *seed = app.add_subcommand("seed-demo", "Create demo organisations and accounts");
  std::string seed_password, credentials_file;
  seed->add_option("--password", seed_password, "Password for every demo account (else random)");
  seed->add_option("--credentials-file", credentials_file, "Also write the accounts here");
  auto *user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto *user_add = user->add_subcommand("add", "Add a user (e.g. the first admin)");
  std::string email, role, name, organisation;
  std::vector<std::string> kinds;
  bool password_stdin = false;
  user_add->add_option("--email", email, "E-mail")->required();
  user_add->add_option("--role", role, "citizen, specialist, coordinator or admin")->required();
  user_add->add_option("--kind", kinds, "Specialist kind (repeatable)");
  user_add->add_option("--name", name, "Display name");
  user_add->add_option("--organisation", organisation, "Organisation id");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from stdin")
      ->required();
  auto *audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  auto *audit_verify =
      audit->add_subcommand("verify", "Check that no audit entry was edited or deleted");
  auto *backup = app.add_subcommand(
      "backup",
      "Consistent copy of the SQLite database, and the attachments into PATH.attachments");
  std::string destination;
  backup->add_option("path", destination, "Where to write the copy")->required();

  CLI11_PARSE(app, argc, argv);

  config::Config cfg;
  auto fail = [](const core::Error &e) {
    std::cerr << "kelisim: " << e.log << "\n";
    return 2;
  };
  if (!config_file.empty())
    if (auto st = config::applyTomlFile(cfg, config_file); !st) return fail(st.error());
  if (auto st = config::applyEnvironment(cfg, environ); !st) return fail(st.error());
  for (const auto &[key, value] : flags)
    if (auto st = config::applySetting(cfg, key, value); !st) return fail(st.error());

  if (*serve) return runServe(cfg);
  if (*migrate) return runMigrate(cfg);
  if (*seed) return runSeedDemo(cfg, seed_password, credentials_file);
  if (*user_add) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return runUserAdd(cfg, email, role, kinds, name.empty() ? email : name, organisation, password);
  }
  if (*backup) return runBackup(cfg, destination);
  if (*audit_verify) return runAuditVerify(cfg);
  return 2;
}
