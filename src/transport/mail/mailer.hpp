// The outbox's worker: every `poll` it claims the mails that are due (core::Outbox), makes
// each into a message (mail_text) and sends it through SMTP with libcurl on a thread of its
// own (a slow mail server never holds an io thread). A sent mail is marked sent; a failed
// one is tried again later (1, 2, 4 … minutes, at most 6 hours apart) and given up after
// 12 attempts, or at once when the server refuses it for good (5xx). Without an SMTP URL
// the message is written as a file under `spool_dir` instead (a demo, or an operator who
// forwards them), and counted as sent. Never logs a mail's text or links: only its id and
// kind.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/store.hpp"
#include "i18n/translator.hpp"
#include "transport/mail/mail_text.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace kelisim::transport {

struct MailerSettings {
  std::string smtp_url; // smtp://host:port or smtps://host:port; empty: files in spool_dir
  std::string smtp_user;
  std::string smtp_password;
  bool smtp_starttls = false; // require STARTTLS on smtp://
  std::string spool_dir;      // where messages go without an SMTP URL
  MailIdentity from;
  std::chrono::milliseconds poll{2000};
  int batch = 20;
  int max_attempts = 12;
};

// What one attempt to send came to.
struct SendOutcome {
  bool sent = false;
  bool permanent = false; // refused for good: do not try again
  std::string error;      // for the outbox row and the log; never the message
};

// Sends one message (blocking): SMTP through libcurl, or a file in the spool. For tests too.
SendOutcome sendMessage(const MailerSettings &settings, const core::Mail &mail,
                        const std::string &message);

class Mailer {
public:
  Mailer(core::Store &store, const core::Clock &clock, const i18n::Translator &texts,
         MailerSettings settings, boost::asio::any_io_executor executor);
  ~Mailer();

  void start();
  void stop();

  std::uint64_t sent() const { return sent_; }
  std::uint64_t failed() const { return failed_; }
  std::uint64_t gaveUp() const { return gave_up_; }
  bool smtp() const { return !settings_.smtp_url.empty(); }

private:
  void schedule();
  boost::asio::awaitable<void> round();
  boost::asio::awaitable<SendOutcome> sendOff(core::Mail mail, std::string message);

  core::Store &store_;
  const core::Clock &clock_;
  const i18n::Translator &texts_;
  MailerSettings settings_;
  boost::asio::any_io_executor executor_;
  boost::asio::steady_timer timer_;
  boost::asio::thread_pool sender_{1};
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> sent_{0}, failed_{0}, gave_up_{0};
};

} // namespace kelisim::transport
