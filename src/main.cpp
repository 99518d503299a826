// The composition root: settings → objects → run. Every long-lived object is created here
// and handed to the ones that need it through their constructors; nothing else is global.
#include "app/audit_chain.hpp"
#include "app/auth_service.hpp"
#include "app/conference/conference_service.hpp"
#include "app/conference/stage_service.hpp"
#include "app/demo_seed.hpp"
#include "app/directory_service.hpp"
#include "app/media/call_service.hpp"
#include "app/media/media_service.hpp"
#include "app/mediation/case_clock.hpp"
#include "app/reception/queue_engine.hpp"
#include "app/reception/queue_service.hpp"
#include "app/reception/reception_service.hpp"
#include "app/reception/room_service.hpp"
#include "app/sodium_random.hpp"
#include "app/user_service.hpp"
#include "commands.hpp"
#include "core/validation.hpp"
#include "i18n/translator.hpp"
#include "storage/file_backup.hpp"
#include "storage/open_store.hpp"
#include "storage/postgres/pg_notifier.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "transport/documents/case_documents.hpp"
#include "transport/http/api.hpp"
#include "transport/http/server.hpp"
#include "transport/http/static_files.hpp"
#include "transport/log.hpp"
#include "transport/mail/mailer.hpp"
#include "transport/media/engine_host.hpp"
#include "transport/ws/conference_ws.hpp"
#include "transport/ws/live_events.hpp"
#include "transport/ws/media_ws.hpp"
#include "transport/ws/reception_ws.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <spdlog/spdlog.h>

#include <mimalloc.h>

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <thread>

namespace kelisim {

namespace asio = boost::asio;

namespace fs = std::filesystem;

namespace {

// Whether malloc is mimalloc's (linked first, see CMakeLists.txt) and not glibc's.
bool mallocIsMimalloc() {
  void *p = std::malloc(16);
  const bool ours = mi_is_in_heap_region(p);
  std::free(p);
  return ours;
}

// Runs one coroutine to completion on `io` (which nobody else is running yet).
template <typename T> T runTask(asio::io_context &io, asio::awaitable<T> task) {
  auto future = asio::co_spawn(io, std::move(task), asio::use_future);
  io.restart();
  io.run();
  return future.get();
}

app::HashCost hashCost(const config::Config &c) {
  return c.password_hash == "minimal" ? app::HashCost::minimal() : app::HashCost::interactive();
}

// Opens the configured database (creating the SQLite file's folder) and migrates it.
core::Result<std::unique_ptr<core::Store>> openAndMigrate(const config::Config &c,
                                                          asio::io_context &io) {
  if (!storage::isPostgresUrl(c.database)) {
    const fs::path path = storage::sqlitePath(c.database);
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  }
  auto store = storage::openStore(c.database, io.get_executor());
  if (!store) return store.error();
  auto applied = runTask(io, (*store)->migrate());
  if (!applied) return applied.error();
  if (*applied > 0) spdlog::info("applied {} migration(s)", *applied);
  return store;
}

int failed(const core::Error &e, const char *what) {
  std::cerr << "kelisim: " << what << ": " << e.log << "\n";
  return 1;
}

} // namespace

int runMigrate(const config::Config &c) {
  transport::setUpLogging(c.log_level);
  asio::io_context io;
  auto store = openAndMigrate(c, io);
  if (!store) return failed(store.error(), "migrate");
  std::cout << "database is up to date\n";
  return 0;
}

int runAuditVerify(const config::Config &c) {
  transport::setUpLogging(c.log_level);
  asio::io_context io;
  auto store = openAndMigrate(c, io);
  if (!store) return failed(store.error(), "audit verify");
  app::AuditService audit(**store);
  auto report = runTask(io, audit.verify());
  if (!report) return failed(report.error(), "audit verify");
  if (report->broken_at) {
    std::cout << "audit trail BROKEN at entry " << *report->broken_at << ": " << report->reason
              << " (" << report->checked << " entries before it are intact)\n";
    return 1;
  }
  std::cout << "audit trail intact: " << report->checked << " sealed entries checked";
  if (report->unsealed > 0) std::cout << ", " << report->unsealed << " newest not sealed yet";
  std::cout << "\n";
  return 0;
}

int runSeedDemo(const config::Config &c, std::string password,
                const std::string &credentials_file) {
  transport::setUpLogging(c.log_level);
  asio::io_context io;
  auto store = openAndMigrate(c, io);
  if (!store) return failed(store.error(), "seed-demo");
  core::SystemClock clock;
  app::SodiumRandom random;
  app::PasswordHasher hasher(hashCost(c), 1);
  if (password.empty()) password = "Demo-" + random.hex(6);
  if (auto e = core::checkPassword("password", password))
    return failed(core::Error::make(core::ErrorCode::validation_failed, "password: " + e->code),
                  "seed-demo");
  auto seeded = runTask(io, app::seedDemo(**store, clock, random, hasher, password));
  if (!seeded) return failed(seeded.error(), "seed-demo");
  if (!seeded->created) {
    std::cout << "demo data is already there; nothing changed\n";
    return 0;
  }
  std::string text = "Demo accounts (password for all: " + password + "):\n";
  for (const auto &a : seeded->accounts) text += "  " + a.email + "  — " + a.role + "\n";
  std::cout << text;
  if (!credentials_file.empty()) {
    std::ofstream(credentials_file) << text;
    ::chmod(credentials_file.c_str(), 0600);
  }
  return 0;
}

int runUserAdd(const config::Config &c, const std::string &email, const std::string &role_text,
               const std::vector<std::string> &kind_texts, const std::string &name,
               const std::string &organisation_id, const std::string &password) {
  transport::setUpLogging(c.log_level);
  auto role = core::parseRole(role_text);
  if (!role)
    return failed(
        core::Error::make(core::ErrorCode::validation_failed, "unknown role " + role_text),
        "user add");
  std::vector<core::SpecialistKind> kinds;
  for (const auto &k : kind_texts) {
    auto kind = core::parseSpecialistKind(k);
    if (!kind)
      return failed(core::Error::make(core::ErrorCode::validation_failed, "unknown kind " + k),
                    "user add");
    kinds.push_back(*kind);
  }
  asio::io_context io;
  auto store = openAndMigrate(c, io);
  if (!store) return failed(store.error(), "user add");
  core::SystemClock clock;
  app::SodiumRandom random;
  app::PasswordHasher hasher(hashCost(c), 1);
  // The command line acts as an admin of the installation.
  app::Caller operator_caller;
  operator_caller.user = core::User{};
  operator_caller.user->id = "cli";
  operator_caller.user->role = core::Role::admin;
  operator_caller.ip = "cli";
  core::Result<core::User> user = core::ErrorCode::internal;
  if (*role == core::Role::citizen) {
    app::reception::EventLog events; // nobody is connected to a command
    app::AuthService auth(**store, clock, random, hasher, {}, events);
    // The operator registers a citizen who consented in person, on the current text.
    app::SignUpInput input{email, password, name, core::Language::ru, true};
    auto r = runTask(io, auth.signUp(std::move(input), operator_caller));
    user = r ? core::Result<core::User>(r->user) : core::Result<core::User>(r.error());
  } else {
    app::reception::EventLog events;
    app::UserService users(**store, clock, random, hasher, events);
    app::NewStaff staff{email,
                        password,
                        name,
                        *role,
                        kinds,
                        organisation_id.empty() ? std::nullopt : std::optional(organisation_id),
                        core::Language::ru,
                        {},
                        {}};
    user = runTask(io, users.createStaff(operator_caller, std::move(staff)));
  }
  if (!user) {
    std::string why = user.error().log;
    for (const auto &f : user.error().fields) why += " " + f.field + ": " + f.code;
    return failed(core::Error::make(user.error().code, why), "user add");
  }
  std::cout << "created " << core::toString(user->role) << " " << user->email << " (" << user->id
            << ")\n";
  return 0;
}

int runBackup(const config::Config &c, const std::string &destination) {
  if (storage::isPostgresUrl(c.database)) {
    std::cerr << "kelisim: backup: for PostgreSQL use pg_dump; this command copies SQLite\n";
    return 2;
  }
  // The attachments go beside the copy, after it (storage/file_backup.hpp says why).
  const std::string files_copy = destination + ".attachments";
  for (const auto &path : {destination, files_copy})
    if (fs::exists(path)) {
      std::cerr << "kelisim: backup: " << path << " exists; choose a new path\n";
      return 2;
    }
  auto done = storage::sqlite::backupSqlite(storage::sqlitePath(c.database), destination);
  if (!done) return failed(done.error(), "backup");
  auto files = storage::copyFolder(fs::path(c.data_dir) / "attachments", files_copy);
  if (!files) return failed(files.error(), "backup");
  std::cout << "backup written to " << destination << " and " << files->files
            << " attachment(s) to " << files_copy << "\n";
  return 0;
}

int runServe(const config::Config &c) {
  transport::setUpLogging(c.log_level);
  const int threads = c.threads > 0 ? c.threads : std::max(1u, std::thread::hardware_concurrency());
  asio::io_context io(threads);
  std::error_code ec;
  fs::create_directories(c.data_dir, ec);
  auto store = openAndMigrate(c, io);
  if (!store) return failed(store.error(), "serve");
  io.restart();

  core::SystemClock clock;
  app::SodiumRandom random;
  app::PasswordHasher hasher(hashCost(c), 2);
  namespace ar = app::reception;
  ar::ForwardingSink events;
  app::MailSettings mail_settings;
  mail_settings.public_url = c.public_url;
  app::AuthService auth(**store, clock, random, hasher, {}, events, mail_settings);
  app::UserService users(**store, clock, random, hasher, events, mail_settings);
  app::DirectoryService directory(**store, clock, random);
  ar::QueueEngine engine;
  ar::ReceptionCache reception_cache(**store, clock);
  ar::ReceptionService receptions(**store, clock, random, engine, reception_cache);
  ar::QueueSettings queue_settings;
  queue_settings.offer_timeout = std::chrono::seconds(c.offer_timeout_seconds);
  queue_settings.mail = mail_settings;
  queue_settings.reminder_before = std::chrono::minutes(c.reminder_minutes);
  ar::QueueService queue(**store, clock, random, auth, engine, reception_cache, events,
                         queue_settings);
  ar::RoomSettings room_settings;
  room_settings.attachments_dir = fs::path(c.data_dir) / "attachments";
  room_settings.quota.room_files = c.attachments_per_room;
  room_settings.quota.room_bytes = std::int64_t{c.attachment_megabytes_per_room} << 20;
  room_settings.quota.person_files_per_day = c.attachments_per_person_per_day;
  room_settings.quota.person_bytes_per_day = std::int64_t{c.attachment_megabytes_per_person_per_day}
                                             << 20;
  ar::RoomService rooms(**store, clock, random, queue, events, room_settings);
  app::conference::ConferenceSettings conference_settings;
  conference_settings.mail = mail_settings;
  app::conference::ConferenceService conferences(**store, clock, random, auth, conference_settings);
  i18n::Translator texts;
  transport::Metrics metrics;
  // The outbox's worker: mails committed with their actions go out from here.
  transport::MailerSettings mailer_settings;
  mailer_settings.smtp_url = c.smtp_url;
  mailer_settings.smtp_user = c.smtp_user;
  mailer_settings.smtp_password = c.smtp_password;
  mailer_settings.smtp_starttls = c.smtp_starttls;
  mailer_settings.spool_dir = (fs::path(c.data_dir) / "mail").string();
  mailer_settings.from.from_address = c.mail_from;
  mailer_settings.poll = std::chrono::milliseconds(c.mail_poll_ms);
  transport::Mailer mailer(**store, clock, texts, mailer_settings, io.get_executor());
  metrics.setMailer(&mailer);
  transport::Hub hub;
  transport::LiveEvents live(io.get_executor(), hub, **store, queue, rooms);
  events.target = &live;
  // The queues of this instance start from what the database holds.
  if (auto restored = runTask(io, queue.restore()); !restored)
    return failed(restored.error(), "serve");
  io.restart();
  transport::ReceptionWs reception_ws(queue, rooms, live, texts);
  // Calls: Janus and coturn as this server's children (or an external engine, or none).
  transport::media::EngineHost media_host(io.get_executor(), c);
  if (std::string why; !media_host.start(why))
    transport::logEvent(spdlog::level::warn, "calls_off", {{"reason", why}});
  app::media::MediaSettings media_settings;
  media_settings.turn = media_host.turn();
  app::media::MediaService media(media_host.engine(), clock, media_settings);
  // A consultation's call is its room's; a conference's ("conf-<id>") is its live stage's.
  using app::conference::StageService;
  StageService *stage_ptr = nullptr;
  app::media::CallService calls(
      media_host.engine(),
      [&rooms, &stage_ptr](const app::Caller &caller, const std::string &room_id) {
        if (StageService::conferenceOf(room_id)) return stage_ptr->callMembers(caller, room_id);
        return rooms.callMembers(caller, room_id);
      },
      [&rooms, &stage_ptr](const std::string &room_id) {
        if (StageService::conferenceOf(room_id)) return stage_ptr->membersNow(room_id);
        return rooms.membersNow(room_id);
      },
      media_settings.max_sdp_bytes);
  StageService stage(
      calls,
      [&conferences](const app::Caller &caller,
                     const std::string &id) -> core::Task<app::conference::Pass> {
        auto seat = co_await conferences.seat(caller, id);
        if (!seat) co_return seat.error();
        app::conference::Pass pass;
        pass.name = seat->display_name;
        pass.part = seat->role == app::conference::ConferenceRole::moderator
                        ? core::conference::Part::moderator
                    : seat->role == app::conference::ConferenceRole::speaker
                        ? core::conference::Part::speaker
                        : core::conference::Part::guest;
        co_return pass;
      },
      clock);
  stage_ptr = &stage;
  calls.setPublishRule([&stage](const std::string &room_id, const std::string &user_id) {
    return stage.mayPublish(room_id, user_id);
  });
  calls.setMuteRule([&stage](const std::string &room_id, const std::string &user_id) {
    return stage.mutedInCall(room_id, user_id);
  });
  // A call's record is committed on its own, off the signalling path (a consultation's only:
  // a conference keeps its minutes instead).
  calls.onRecord(clock, [&io, &store](core::reception::CallRecord record) {
    if (StageService::conferenceOf(record.room_id)) return;
    core::UnitOfWork work;
    work.add(core::CallRecorded{std::move(record)});
    // The unit of work lives in the coroutine's frame (commit takes it by reference).
    asio::co_spawn(
        io,
        [&store, work = std::move(work)]() -> asio::awaitable<void> {
          auto done = co_await (*store)->commit(work);
          if (!done) spdlog::warn("call record not stored: {}", done.error().log);
        },
        asio::detached);
  });
  live.onRoomChanged([&io, &calls](const std::string &room_id) {
    if (calls.people(room_id) > 0) asio::co_spawn(io, calls.roomChanged(room_id), asio::detached);
  });
  transport::MediaWs media_ws(io.get_executor(), media, calls, hub, texts);
  app::conference::ChatService conference_chat(**store, clock, random, stage);
  transport::ConferenceWs conference_ws(io.get_executor(), stage, conference_chat, hub, texts);
  // The conference's handler first: it takes `send` and `resume` for conference rooms.
  transport::WsHandlers ws_handlers({&conference_ws, &reception_ws, &media_ws});
  // Several instances on one PostgreSQL pass their events to each other.
  std::unique_ptr<storage::postgres::PgNotifier> relay;
  if (storage::isPostgresUrl(c.database)) {
    const std::string instance = random.hex(8);
    relay = std::make_unique<storage::postgres::PgNotifier>(
        io.get_executor(), c.database, "kelisim_events",
        [&live, instance](std::string payload) -> asio::awaitable<void> {
          const auto bar = payload.find('|');
          if (bar == std::string::npos || payload.compare(0, bar, instance) == 0) co_return;
          auto event = transport::decodeEvent(std::string_view(payload).substr(bar + 1));
          if (event) co_await live.receiveRemote(std::move(*event));
        });
    live.setRelay([&relay, instance](const ar::Event &e) {
      relay->send(instance + "|" + transport::encodeEvent(e));
    });
    relay->start();
  }
  transport::StaticFiles static_files(c.static_dir);
  if (static_files.size() == 0)
    spdlog::warn("no front end found in {}: build it with `make web`", c.static_dir);
  transport::ApiSettings api_settings;
  api_settings.json_body_limit = c.json_body_limit;
  api_settings.sign_in_per_minute = c.sign_in_per_minute;
  api_settings.sign_up_per_minute = c.sign_up_per_minute;
  api_settings.intake_per_minute = c.intake_per_minute;
  api_settings.room_writes_per_minute = c.room_writes_per_minute;
  // public_url and trusted_proxies were checked when the settings were read.
  auto origin = transport::PublicOrigin::parse(c.public_url);
  auto proxies = transport::TrustedProxies::parse(c.trusted_proxies);
  if (!origin) return failed(origin.error(), "serve");
  if (!proxies) return failed(proxies.error(), "serve");
  api_settings.origin = *origin;
  api_settings.uploads_per_minute = c.uploads_per_minute;
  api_settings.operator_name = c.operator_name;
  ar::PersonalDataSettings personal_settings;
  personal_settings.retention = std::chrono::days(c.retention_days);
  ar::PersonalDataService personal(**store, clock, hasher, queue, rooms, events, personal_settings);
  api_settings.media_host = &media_host;
  api_settings.mail_from = mailer_settings.from;
  app::mediation::MediatorService mediators(**store, clock, random);
  // The mediation documents need the DejaVu fonts (fonts-dejavu-core); without them the cases
  // still run and their documents answer 503.
  const transport::PdfFonts fonts;
  std::optional<transport::CaseDocuments> case_documents;
  if (auto ok = transport::checkFonts(fonts); ok)
    case_documents.emplace(texts, fonts);
  else
    spdlog::warn("mediation documents off: {}", ok.error().log);
  app::mediation::CaseService cases(**store, clock, random, mail_settings,
                                    case_documents ? &*case_documents : nullptr);
  transport::Api api({auth, users, directory, receptions, queue, rooms, personal, **store, clock,
                      &media, &conferences, &mediators, &cases},
                     texts, metrics, static_files, api_settings);
  transport::ServerSettings server_settings;
  server_settings.json_body_limit = c.json_body_limit;
  server_settings.tls_cert = c.tls_cert;
  server_settings.tls_key = c.tls_key;
  server_settings.trusted_proxies = *proxies;
  server_settings.max_connections = c.max_connections;
  server_settings.max_connections_per_address = c.max_connections_per_address;
  server_settings.ws_per_session = c.ws_per_session;
  server_settings.idle_timeout = std::chrono::seconds(c.idle_timeout_seconds);
  server_settings.header_timeout = std::chrono::seconds(c.header_timeout_seconds);
  server_settings.body_timeout = std::chrono::seconds(c.body_timeout_seconds);
  server_settings.ws_handler = &ws_handlers;
  transport::HttpServer server(io, api, hub, metrics, texts, clock, server_settings);

  // Once a second: offers time out, pre-registered citizens join the queue, free
  // specialists get offers; then the audit entries written since are sealed into the chain.
  // Every ten minutes (and at the start) the retention job erases what is past its term.
  app::AuditService audit(**store);
  asio::steady_timer ticker(io);
  bool stopping = false;
  core::Time next_retention = clock.now();
  std::function<void()> tick;
  std::function<void()> retain_then_tick = [&] {
    if (clock.now() < next_retention) return tick();
    next_retention = clock.now() + std::chrono::minutes(10);
    asio::co_spawn(io, personal.retain(clock.now()),
                   [&](std::exception_ptr, core::Result<int> erased) {
                     if (erased && *erased > 0)
                       spdlog::info("retention: personal data of {} questions erased", *erased);
                     tick();
                   });
  };
  tick = [&] {
    ticker.expires_after(std::chrono::seconds(1));
    ticker.async_wait([&](const boost::system::error_code &e) {
      if (e || stopping) return;
      asio::co_spawn(io, queue.tick(), [&](std::exception_ptr, core::Result<core::Unit>) {
        asio::co_spawn(io, audit.seal(clock.now()),
                       [&](std::exception_ptr, core::Result<int>) { retain_then_tick(); });
      });
    });
  };
  tick();
  // Every minute (and at the start) the mediation cases' clock: invitations deemed refused,
  // terms run out, reminders by e-mail (app/mediation/case_clock.hpp). Counts only, no content.
  app::mediation::CaseClock case_clock(**store, clock, random, mail_settings);
  asio::steady_timer case_clock_timer(io);
  std::function<void()> run_case_clock = [&] {
    asio::co_spawn(io, case_clock.run(),
                   [&](std::exception_ptr, core::Result<app::mediation::ClockRun> done) {
                     if (!done)
                       spdlog::warn("mediation clock: {}", done.error().log);
                     else if (done->any())
                       spdlog::info("mediation clock: {} invitations lapsed, {} terms expired, "
                                    "{} reminders queued, {} cases changed meanwhile",
                                    done->lapsed, done->expired, done->reminded, done->conflicts);
                     if (stopping) return;
                     case_clock_timer.expires_after(std::chrono::minutes(1));
                     case_clock_timer.async_wait([&](const boost::system::error_code &e) {
                       if (!e && !stopping) run_case_clock();
                     });
                   });
  };
  run_case_clock();
  mailer.start();

  const auto colon = c.listen.rfind(':');
  const std::string host = c.listen.substr(0, colon);
  const auto port = static_cast<unsigned short>(std::stoi(c.listen.substr(colon + 1)));
  auto bound = server.listen(host.empty() ? "0.0.0.0" : host, port);
  if (!bound) return failed(bound.error(), "serve");
  api.bound(*bound);
  if (!c.port_file.empty()) std::ofstream(c.port_file) << *bound << "\n";
  // Each connection is a file descriptor: raise the soft limit towards max_connections (the
  // database and files need some too), and say so when the hard limit is lower.
  if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
    const rlim_t wanted = static_cast<rlim_t>(c.max_connections) + 256;
    if (files.rlim_cur < wanted) {
      files.rlim_cur = files.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, files.rlim_max);
      ::setrlimit(RLIMIT_NOFILE, &files);
      ::getrlimit(RLIMIT_NOFILE, &files);
      if (files.rlim_cur < wanted)
        transport::logEvent(spdlog::level::warn, "open_files_limit",
                            {{"limit", static_cast<std::int64_t>(files.rlim_cur)},
                             {"max_connections", c.max_connections},
                             {"advice", "lower max_connections or raise the open-files limit"}});
    }
  }
  transport::logEvent(spdlog::level::info, "listening",
                      {{"address", host + ":" + std::to_string(*bound)},
                       {"threads", threads},
                       {"allocator", mallocIsMimalloc() ? "mimalloc" : "libc"},
                       {"database", storage::isPostgresUrl(c.database) ? "postgresql" : "sqlite"}});

  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close sockets with a
  // close frame, then stop within 10 seconds whatever is left.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer deadline(io);
  std::function<void(int)> wait_idle = [&](int ticks_left) {
    if (server.idle() || ticks_left == 0) {
      io.stop();
      return;
    }
    deadline.expires_after(std::chrono::milliseconds(100));
    deadline.async_wait([&, ticks_left](auto) { wait_idle(ticks_left - 1); });
  };
  signals.async_wait([&](const boost::system::error_code &e, int signo) {
    if (e) return;
    transport::logEvent(spdlog::level::info, "stopping", {{"signal", signo}});
    stopping = true;
    ticker.cancel();
    mailer.stop();
    if (relay) relay->stop();
    server.stop();
    media_host.stop();
    wait_idle(95);
  });

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto &t : pool) t.join();
  transport::logEvent(spdlog::level::info, "stopped");
  return 0;
}

} // namespace kelisim
