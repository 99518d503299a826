// The media engine as `kelisim serve` runs it ([media] settings, docs/ARCHITECTURE.md "Calls"):
//   spawn    — writes Janus's and coturn's configs under data_dir/media from the templates
//              in engine_config (secrets made once and kept there), starts `janus` and
//              `turnserver` as supervised children and connects to Janus's socket;
//   external — connects to a Janus started elsewhere, hands out credentials for a coturn
//              that shares media_turn_secret;
//   off      — no calls: the pages say so and chat carries on.
// Its status goes to /readyz and /metrics.
#pragma once

#include "app/media/turn_credentials.hpp"
#include "config/config.hpp"
#include "core/ports/media.hpp"
#include "transport/media/child_process.hpp"
#include "transport/media/janus_client.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace kelisim::transport::media {

class EngineHost {
public:
  EngineHost(boost::asio::any_io_executor executor, const config::Config &config);
  ~EngineHost();

  // Writes the configs and starts what this mode runs. False (with `error`) when the
  // configuration cannot be written or a program is missing; the server then runs without
  // calls rather than not at all.
  bool start(std::string &error);
  void stop();

  core::MediaEngine &engine();
  // The TURN servers browsers are given, with the secret that signs their credentials.
  const app::media::TurnSettings &turn() const { return turn_; }

  const std::string &mode() const { return mode_; }
  bool janusUp() const;
  // "running", "stopped", "external" or "off"
  std::string janusProcess() const;
  std::string turnProcess() const;
  // Prometheus lines.
  std::string metrics() const;

private:
  boost::asio::any_io_executor executor_;
  std::string mode_;
  config::Config config_;
  app::media::TurnSettings turn_;
  std::unique_ptr<JanusClient> janus_;
  std::unique_ptr<ChildProcess> janus_process_;
  std::unique_ptr<ChildProcess> turn_process_;
  std::unique_ptr<core::MediaEngine> off_;
};

} // namespace kelisim::transport::media
