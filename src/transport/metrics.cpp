#include "transport/metrics.hpp"

#include "transport/mail/mailer.hpp"

#include <fmt/format.h>

namespace kelisim::transport {

std::string_view Metrics::methodLabel(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET",    "HEAD",    "POST", "PUT",
                                                "DELETE", "OPTIONS", "PATCH"};
  for (auto known : kKnown)
    if (method == known) return known;
  return "other";
}

void Metrics::request(const std::string &method, const std::string &route, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(methodLabel(method)), route, status}];
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  ++histogram_[i];
  latency_sum_ += seconds;
  ++latency_count_;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP kelisim_http_requests_total HTTP requests by route and status.\n"
         "# TYPE kelisim_http_requests_total counter\n";
  for (const auto &[key, count] : requests_) {
    const auto &[method, route, status] = key;
    out +=
        fmt::format("kelisim_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    method, route, status, count);
  }
  out +=
      "# HELP kelisim_http_request_duration_seconds Time from request read to response written.\n"
      "# TYPE kelisim_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += histogram_[i];
    out += fmt::format("kelisim_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[i], cumulative);
  }
  cumulative += histogram_[kBuckets.size()];
  out +=
      fmt::format("kelisim_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("kelisim_http_request_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("kelisim_http_request_duration_seconds_count {}\n", latency_count_);
  out += "# HELP kelisim_websockets_open WebSocket connections open now.\n"
         "# TYPE kelisim_websockets_open gauge\n";
  out += fmt::format("kelisim_websockets_open {}\n", websockets_.load());
  if (mailer_) {
    out += "# HELP kelisim_mail_sent_total Mails handed to the mail server (or the spool).\n"
           "# TYPE kelisim_mail_sent_total counter\n";
    out += fmt::format("kelisim_mail_sent_total {}\n", mailer_->sent());
    out += "# HELP kelisim_mail_failed_total Attempts to send a mail that failed.\n"
           "# TYPE kelisim_mail_failed_total counter\n";
    out += fmt::format("kelisim_mail_failed_total {}\n", mailer_->failed());
    out += "# HELP kelisim_mail_given_up_total Mails given up after their last attempt.\n"
           "# TYPE kelisim_mail_given_up_total counter\n";
    out += fmt::format("kelisim_mail_given_up_total {}\n", mailer_->gaveUp());
  }
  return out;
}

} // namespace kelisim::transport
