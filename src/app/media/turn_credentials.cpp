#include "app/media/turn_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace kelisim::app::media {

std::string turnPassword(const std::string &secret, const std::string &user_name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char *>(user_name.data()), user_name.size(), digest,
       &length);
  std::string encoded(4 * ((length + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(encoded.data()), digest,
                                      static_cast<int>(length));
  encoded.resize(static_cast<std::size_t>(written));
  return encoded;
}

IceServer turnCredentials(const TurnSettings &settings, const std::string &who, core::Time now) {
  const auto expiry =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch() + settings.lifetime)
          .count();
  IceServer server;
  server.urls = settings.urls;
  server.username = std::to_string(expiry) + ":" + who;
  server.credential = turnPassword(settings.secret, server.username);
  return server;
}

} // namespace kelisim::app::media
