#include "transport/log.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace kelisim::transport {

namespace {
// %v of a plain message, escaped as a JSON string body.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
public:
  void format(const spdlog::details::log_msg &msg, const std::tm &,
              spdlog::memory_buf_t &dest) override {
    const std::string escaped = boost::json::serialize(
        boost::json::value(std::string_view(msg.payload.data(), msg.payload.size())));
    dest.append(escaped.data() + 1, escaped.data() + escaped.size() - 1);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};
constexpr const char *kEventsLogger = "events";
} // namespace

void setUpLogging(const std::string &level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto plain = std::make_shared<spdlog::logger>("kelisim", sink);
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonEscapedMessage>('*').set_pattern(
      R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","event":"message","msg":"%*"})");
  plain->set_formatter(std::move(formatter));
  spdlog::set_default_logger(plain);

  // A sink of its own (formatters live on sinks); console sinks share one mutex, so lines
  // from the two loggers never interleave.
  auto events = std::make_shared<spdlog::logger>(kEventsLogger,
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  events->set_formatter(std::make_unique<spdlog::pattern_formatter>(
      R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc));
  spdlog::register_logger(events);
  const auto lvl = spdlog::level::from_str(level);
  plain->set_level(lvl);
  events->set_level(lvl);
  plain->flush_on(spdlog::level::warn);
  events->flush_on(spdlog::level::info);
}

void logEvent(spdlog::level::level_enum level, std::string_view event, boost::json::object fields) {
  auto logger = spdlog::get(kEventsLogger);
  if (!logger || !logger->should_log(level)) return;
  boost::json::object all;
  all["event"] = event;
  for (auto &kv : fields) all[kv.key()] = std::move(kv.value());
  const std::string text = boost::json::serialize(all);
  // Strip the braces: the pattern supplies them around ts and level.
  logger->log(level, "{}", std::string_view(text).substr(1, text.size() - 2));
}

} // namespace kelisim::transport
