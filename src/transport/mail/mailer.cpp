#include "transport/mail/mailer.hpp"

#include "transport/log.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace kelisim::transport {

namespace asio = boost::asio;

namespace {

struct Upload {
  const std::string &data;
  std::size_t offset = 0;
};

std::size_t readUpload(char *buffer, std::size_t size, std::size_t count, void *user) {
  auto *up = static_cast<Upload *>(user);
  const std::size_t n = std::min(size * count, up->data.size() - up->offset);
  std::copy_n(up->data.data() + up->offset, n, buffer);
  up->offset += n;
  return n;
}

SendOutcome spool(const MailerSettings &settings, const core::Mail &mail,
                  const std::string &message) {
  std::error_code ec;
  std::filesystem::create_directories(settings.spool_dir, ec);
  const auto path = std::filesystem::path(settings.spool_dir) / (mail.id + ".eml");
  const auto partial = std::filesystem::path(settings.spool_dir) / (mail.id + ".eml.part");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << message;
    if (!out.flush()) return {false, false, "cannot write " + partial.string()};
  }
  std::filesystem::rename(partial, path, ec);
  if (ec) return {false, false, ec.message()};
  return {true, false, {}};
}

} // namespace

SendOutcome sendMessage(const MailerSettings &settings, const core::Mail &mail,
                        const std::string &message) {
  if (settings.smtp_url.empty()) return spool(settings, mail, message);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, false, "curl_easy_init failed"};
  CURL *c = curl.get();
  const std::string from = "<" + settings.from.from_address + ">";
  const std::string to = "<" + mail.recipient + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, to.c_str()), curl_slist_free_all);
  Upload upload{message};
  curl_easy_setopt(c, CURLOPT_URL, settings.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  if (!settings.smtp_user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings.smtp_user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings.smtp_password.c_str());
  }
  if (settings.smtp_starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  const CURLcode res = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (res == CURLE_OK) return {true, false, {}};
  SendOutcome out;
  out.error = std::string(curl_easy_strerror(res)) + " (SMTP " + std::to_string(code) + ")";
  out.permanent = code >= 500 && code < 600; // refused for good: a bad address, a policy
  return out;
}

Mailer::Mailer(core::Store &store, const core::Clock &clock, const i18n::Translator &texts,
               MailerSettings settings, asio::any_io_executor executor)
    : store_(store), clock_(clock), texts_(texts), settings_(std::move(settings)),
      executor_(executor), timer_(executor) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Mailer::~Mailer() {
  stop();
  sender_.join();
}

void Mailer::start() {
  schedule();
}

void Mailer::stop() {
  stopping_ = true;
  timer_.cancel();
}

void Mailer::schedule() {
  if (stopping_) return;
  timer_.expires_after(settings_.poll);
  timer_.async_wait([this](const boost::system::error_code &e) {
    if (e || stopping_) return;
    asio::co_spawn(executor_, round(), [this](std::exception_ptr) { schedule(); });
  });
}

asio::awaitable<SendOutcome> Mailer::sendOff(core::Mail mail, std::string message) {
  auto result = std::make_shared<SendOutcome>();
  auto initiate = [this, result, mail = std::move(mail),
                   message = std::move(message)](auto handler) mutable {
    auto ex = asio::get_associated_executor(handler, executor_);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    asio::post(sender_,
               [this, result, ex, shared, mail = std::move(mail), message = std::move(message)] {
                 *result = sendMessage(settings_, mail, message);
                 asio::post(ex, [shared] { std::move (*shared)(); });
               });
  };
  co_await asio::async_initiate<const asio::use_awaitable_t<> &, void()>(initiate,
                                                                         asio::use_awaitable);
  co_return std::move(*result);
}

asio::awaitable<void> Mailer::round() {
  const auto now = clock_.now();
  const auto lease = now + std::chrono::minutes(5);
  auto due = co_await store_.claimMail(now, lease, settings_.batch);
  if (!due) {
    logEvent(spdlog::level::warn, "mail_claim_failed", {{"error", due.error().log}});
    co_return;
  }
  for (std::size_t i = 0; i < due->size() && !stopping_; ++i) {
    const core::Mail mail = (*due)[i];
    const MailMessage message = composeMail(mail, settings_.from, texts_, clock_.now());
    const SendOutcome outcome = co_await sendOff(mail, message.rfc5322);
    const auto at = clock_.now();
    if (outcome.sent) {
      ++sent_;
      auto marked = co_await store_.markMailSent(mail.id, at);
      logEvent(spdlog::level::info, "mail_sent",
               {{"mail", mail.id},
                {"kind", std::string(core::toString(mail.kind))},
                {"stored", static_cast<bool>(marked)}});
      continue;
    }
    ++failed_;
    std::optional<core::Time> retry;
    if (!outcome.permanent && mail.attempts < settings_.max_attempts) {
      const int shift = std::min(mail.attempts - 1, 9); // 1, 2, 4 … 512 minutes
      retry = at + std::min<std::chrono::milliseconds>(
                       std::chrono::minutes(1 << std::max(shift, 0)), std::chrono::hours(6));
    }
    if (!retry) ++gave_up_;
    co_await store_.markMailFailed(mail.id, retry, at, outcome.error);
    logEvent(spdlog::level::warn, retry ? "mail_retry" : "mail_gave_up",
             {{"mail", mail.id},
              {"kind", std::string(core::toString(mail.kind))},
              {"attempts", mail.attempts},
              {"error", outcome.error}});
  }
}

} // namespace kelisim::transport
