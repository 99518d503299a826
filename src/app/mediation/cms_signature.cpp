#include "app/mediation/cms_signature.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <fstream>
#include <limits>
#include <sstream>

namespace kelisim::app::mediation {

// Only OpenSSL's X509_STORE: a complete type here so that CmsTrust's shared_ptr deletes it.
struct CmsTrust::Store {
  X509_STORE *store = nullptr;
  std::size_t count = 0;
  ~Store() { X509_STORE_free(store); }
};

namespace {

// --- RAII for OpenSSL's objects -----------------------------------------------------------

template <auto Free> struct Deleter {
  template <typename T> void operator()(T *p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
struct OpenSslStringFree {
  void operator()(char *p) const { OPENSSL_free(p); }
};
using OpenSslString = std::unique_ptr<char, OpenSslStringFree>;
struct X509StackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using X509Stack = std::unique_ptr<STACK_OF(X509), X509StackFree>;

// Clears the thread's OpenSSL error queue when a verification starts and on every way out,
// so that no error of ours is left for the next caller on this thread to misread.
struct ErrorQueueGuard {
  ErrorQueueGuard() { ERR_clear_error(); }
  ~ErrorQueueGuard() { ERR_clear_error(); }
  ErrorQueueGuard(const ErrorQueueGuard &) = delete;
  ErrorQueueGuard &operator=(const ErrorQueueGuard &) = delete;
};

// OpenSSL's reason for the last failure, for Error::log (no content: OpenSSL's own words).
std::string openSslReason() {
  const unsigned long e = ERR_peek_last_error();
  if (e == 0) return {};
  std::array<char, 256> buf{};
  ERR_error_string_n(e, buf.data(), buf.size());
  return buf.data();
}

core::Error cmsError(const char *code, std::string log) {
  auto e = core::Error::field("cms", code);
  e.log = std::move(log);
  const auto reason = openSslReason();
  if (!reason.empty()) e.log += " (" + reason + ")";
  return e;
}

// --- the three input forms ---------------------------------------------------------------

int base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict base64 (whitespace skipped, '=' padding only at the end); nullopt if not base64.
std::optional<std::string> fromBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t bits = 0;
  int have = 0, padding = 0;
  std::size_t symbols = 0;
  for (unsigned char c : text) {
    if (std::isspace(c)) continue;
    if (c == '=') {
      ++padding;
      ++symbols;
      continue;
    }
    const int v = base64Value(c);
    if (v < 0 || padding > 0) return std::nullopt;
    ++symbols;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    have += 6;
    if (have >= 8) {
      have -= 8;
      out += static_cast<char>((bits >> have) & 0xFF);
    }
  }
  if (symbols % 4 != 0 || padding > 2) return std::nullopt;
  return out;
}

std::string toBase64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                reinterpret_cast<const unsigned char *>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(std::max(n, 0)));
  return out;
}

// A read-only memory BIO over `bytes`; an empty view may have no data pointer, which
// BIO_new_mem_buf refuses, and a view beyond INT_MAX does not fit.
BioPtr memoryBio(std::string_view bytes) {
  static const char kNothing = 0;
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return nullptr;
  return BioPtr(
      BIO_new_mem_buf(bytes.empty() ? &kNothing : bytes.data(), static_cast<int>(bytes.size())));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The DER inside PEM: the text between the BEGIN line and the END line of a CMS or PKCS7
// block (headers such as Proc-Type are not expected in a signature and refused).
std::optional<std::string> fromPem(std::string_view text) {
  static constexpr std::string_view kLabels[] = {"CMS", "PKCS7", "PKCS #7 SIGNED DATA"};
  for (auto label : kLabels) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    if (text.substr(0, begin.size()) != begin) continue;
    const auto stop = text.find(end, begin.size());
    if (stop == std::string_view::npos || !trim(text.substr(stop + end.size())).empty())
      return std::nullopt;
    return fromBase64(text.substr(begin.size(), stop - begin.size()));
  }
  return std::nullopt;
}

// The DER of `input` in any of the three forms, or nullopt.
std::optional<std::string> derOf(std::string_view input) {
  if (!input.empty() && static_cast<unsigned char>(input.front()) == 0x30)
    return std::string(input);
  const auto text = trim(input);
  if (text.substr(0, 5) == "-----") return fromPem(text);
  return fromBase64(text);
}

// --- reading the certificate ---------------------------------------------------------------

std::string oidOf(const ASN1_OBJECT *obj) {
  if (!obj) return {};
  std::array<char, 128> buf{};
  const int n = OBJ_obj2txt(buf.data(), static_cast<int>(buf.size()), obj, 1);
  return n > 0 ? std::string(buf.data()) : std::string();
}

std::optional<core::Time> timeOf(const ASN1_TIME *t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  const auto day =
      std::chrono::year_month_day(std::chrono::year(tm.tm_year + 1900),
                                  std::chrono::month(tm.tm_mon + 1), std::chrono::day(tm.tm_mday));
  if (!day.ok()) return std::nullopt;
  return core::Time(std::chrono::sys_days(day)) + std::chrono::hours(tm.tm_hour) +
         std::chrono::minutes(tm.tm_min) + std::chrono::seconds(tm.tm_sec);
}

std::string subjectOf(X509 *cert) {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!out) return {};
  // RFC 2253, but multi-byte UTF-8 kept as it is (not \xx-escaped): Kazakh names read.
  const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  if (X509_NAME_print_ex(out.get(), X509_get_subject_name(cert), 0, flags) < 0) return {};
  char *data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string serialOf(X509 *cert) {
  BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (!bn) return {};
  OpenSslString hex(BN_bn2hex(bn.get()));
  if (!hex) return {};
  std::string s(hex.get());
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "IIN" or "BIN" and 12 digits → the digits.
std::optional<std::string> numberAfter(std::string_view prefix, std::string_view value) {
  if (value.size() != prefix.size() + 12 || value.substr(0, prefix.size()) != prefix)
    return std::nullopt;
  const auto digits = value.substr(prefix.size());
  if (!std::all_of(digits.begin(), digits.end(),
                   [](unsigned char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::string(digits);
}

void readIdentifiers(X509 *cert, CmsVerified &out) {
  const X509_NAME *name = X509_get_subject_name(cert);
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY *entry = X509_NAME_get_entry(name, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(entry);
    const std::string_view value(reinterpret_cast<const char *>(ASN1_STRING_get0_data(data)),
                                 static_cast<std::size_t>(ASN1_STRING_length(data)));
    if (nid == NID_serialNumber && !out.iin) out.iin = numberAfter("IIN", value);
    if ((nid == NID_organizationalUnitName || nid == NID_organizationIdentifier) && !out.bin)
      out.bin = numberAfter("BIN", value);
  }
}

// The signer's certificate among those the CMS carries; none if it is not there.
X509 *signerCertificate(CMS_SignerInfo *si, STACK_OF(X509) * certs) {
  for (int i = 0; certs && i < sk_X509_num(certs); ++i) {
    X509 *cert = sk_X509_value(certs, i);
    if (CMS_SignerInfo_cert_cmp(si, cert) == 0) return cert;
  }
  return nullptr;
}

// The signing time the signer put in the signed attributes, if any.
std::optional<core::Time> signingTimeOf(CMS_SignerInfo *si) {
  const int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (at < 0) return std::nullopt;
  X509_ATTRIBUTE *attr = CMS_signed_get_attr(si, at);
  ASN1_TYPE *value = X509_ATTRIBUTE_get0_type(attr, 0);
  if (!value || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
    return std::nullopt;
  return timeOf(value->value.asn1_string);
}

bool withinValidity(const CmsVerified &v, core::Time t) {
  return v.not_before <= t && t <= v.not_after;
}

// Whether the key usage, where the certificate states one, allows signing documents.
bool mayUseForSigning(X509 *cert) {
  const uint32_t usage = X509_get_key_usage(cert); // UINT32_MAX when there is none
  return usage == UINT32_MAX || (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

// Verifies the chain from `cert` (with the CMS's other certificates as intermediates) to
// the trust's CAs, at `now` rather than the machine's clock.
bool chainVerifies(const CmsTrust &trust, X509 *cert, STACK_OF(X509) * untrusted, core::Time now) {
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.store().store, cert, untrusted) != 1)
    return false;
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(seconds));
  return X509_verify_cert(ctx.get()) == 1;
}

const EVP_MD *allowedDigest(const X509_ALGOR *alg) {
  const ASN1_OBJECT *obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
  switch (OBJ_obj2nid(obj)) {
  case NID_sha256:
    return EVP_sha256();
  case NID_sha384:
    return EVP_sha384();
  case NID_sha512:
    return EVP_sha512();
  default:
    return nullptr;
  }
}

} // namespace

CmsTrust::CmsTrust(std::shared_ptr<const Store> store) : store_(std::move(store)) {}

core::Result<CmsTrust> CmsTrust::fromPemFile(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (!file || !(text << file.rdbuf()))
    return core::Error::make(core::ErrorCode::internal, "cannot read the CMS trust file " + path);
  auto trust = fromPem(text.str());
  if (!trust.ok()) {
    auto e = trust.error();
    e.log += " (" + path + ")";
    return e;
  }
  return trust;
}

core::Result<CmsTrust> CmsTrust::fromPem(std::string_view pem) {
  ErrorQueueGuard guard;
  BioPtr in = memoryBio(pem);
  auto store = std::make_shared<Store>();
  store->store = X509_STORE_new();
  if (!in || !store->store) return core::Error::make(core::ErrorCode::internal, "out of memory");
  while (X509Ptr cert{PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)}) {
    if (X509_STORE_add_cert(store->store, cert.get()) != 1)
      return core::Error::make(core::ErrorCode::internal,
                               "cannot add a CA certificate: " + openSslReason());
    ++store->count;
  }
  if (store->count == 0)
    return core::Error::make(core::ErrorCode::internal, "no CA certificate in the PEM");
  return CmsTrust(std::move(store));
}

std::size_t CmsTrust::size() const {
  return store_->count;
}

bool isGostOid(std::string_view dotted) {
  return dotted.substr(0, 8) == "1.2.643." || dotted.substr(0, 8) == "1.2.398.";
}

core::Result<CmsVerified> verifyDetachedCms(std::string_view input, std::string_view content,
                                            core::Time now, const CmsTrust *trust) {
  ErrorQueueGuard guard;
  // Base64 and PEM are a third longer than the DER, plus line ends.
  if (input.size() > kMaxCmsBytes * 3 / 2 + 1024) return cmsError("invalid_value", "too big");
  const auto der = derOf(input);
  if (!der || der->empty()) return cmsError("invalid_value", "neither DER, base64 nor PEM");
  if (der->size() > kMaxCmsBytes) return cmsError("invalid_value", "too big");

  auto *p = reinterpret_cast<const unsigned char *>(der->data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der->size())));
  if (!cms) return cmsError("invalid_value", "not a CMS structure");
  if (p != reinterpret_cast<const unsigned char *>(der->data()) + der->size())
    return cmsError("invalid_value", "bytes after the CMS structure");
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
    return cmsError("invalid_value", "not SignedData");
  STACK_OF(CMS_SignerInfo) *signers = CMS_get0_SignerInfos(cms.get());
  if (!signers || sk_CMS_SignerInfo_num(signers) != 1)
    return cmsError("invalid_value", "not exactly one signer");
  CMS_SignerInfo *si = sk_CMS_SignerInfo_value(signers, 0);
  X509Stack certs(CMS_get1_certs(cms.get()));
  X509 *cert = signerCertificate(si, certs.get());
  if (!cert) return cmsError("invalid_value", "the signer's certificate is not included");

  // The algorithms, GOST first: OpenSSL cannot even read a GOST key, and a GOST signature
  // must not be reported as a mismatch.
  X509_ALGOR *digest_alg = nullptr, *signature_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, &signature_alg);
  ASN1_OBJECT *key_obj = nullptr;
  const ASN1_OBJECT *digest_obj = nullptr, *signature_obj = nullptr;
  X509_PUBKEY_get0_param(&key_obj, nullptr, nullptr, nullptr, X509_get_X509_PUBKEY(cert));
  X509_ALGOR_get0(&digest_obj, nullptr, nullptr, digest_alg);
  X509_ALGOR_get0(&signature_obj, nullptr, nullptr, signature_alg);
  // TODO(issue 10): GOST R 34.10/34.11 and KZ GOST 34.310 are not verified yet.
  for (const ASN1_OBJECT *obj :
       std::array<const ASN1_OBJECT *, 3>{key_obj, digest_obj, signature_obj})
    if (isGostOid(oidOf(obj)))
      return cmsError("unsupported_algorithm", "GOST: " + oidOf(obj) + " (not verified yet)");
  const int key_nid = OBJ_obj2nid(key_obj);
  if (key_nid != NID_rsaEncryption && key_nid != NID_X9_62_id_ecPublicKey)
    return cmsError("unsupported_algorithm", "signer's key " + oidOf(key_obj));
  const EVP_MD *md = allowedDigest(digest_alg);
  if (!md) return cmsError("unsupported_algorithm", "digest " + oidOf(digest_obj));
  if (!X509_get0_pubkey(cert))
    return cmsError("invalid_value", "the signer's public key cannot be read");

  // Embedded content, if any, must be the document itself.
  if (!CMS_is_detached(cms.get())) {
    ASN1_OCTET_STRING **embedded = CMS_get0_content(cms.get());
    if (!embedded || !*embedded) return cmsError("invalid_value", "no content");
    const std::string_view bytes(reinterpret_cast<const char *>(ASN1_STRING_get0_data(*embedded)),
                                 static_cast<std::size_t>(ASN1_STRING_length(*embedded)));
    if (bytes != content)
      return cmsError("signature_mismatch", "the embedded content is another document");
  }

  // The signature over the content, with the signer's own certificate; the chain below.
  BioPtr data = memoryBio(content);
  if (!data) return core::Error::make(core::ErrorCode::payload_too_large, "content too big");
  if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
    return cmsError("signature_mismatch", "the signature does not verify over the content");

  CmsVerified v;
  v.certificate.subject = subjectOf(cert);
  v.certificate.serial = serialOf(cert);
  v.certificate.algorithm =
      std::string(OBJ_nid2sn(key_nid)) + "/" + OBJ_nid2ln(EVP_MD_get_type(md));
  v.certificate.cms_base64 = toBase64(*der);
  readIdentifiers(cert, v);
  const auto not_before = timeOf(X509_get0_notBefore(cert));
  const auto not_after = timeOf(X509_get0_notAfter(cert));
  if (!not_before || !not_after)
    return cmsError("invalid_value", "the certificate's validity cannot be read");
  v.not_before = *not_before;
  v.not_after = *not_after;
  v.signing_time = signingTimeOf(si);
  if (!withinValidity(v, now))
    return cmsError("certificate_expired", "outside the certificate's validity now");
  if (v.signing_time && !withinValidity(v, *v.signing_time))
    return cmsError("certificate_expired", "signed outside the certificate's validity");
  if (!mayUseForSigning(cert))
    return cmsError("untrusted_certificate", "the key usage does not allow signing");
  if (trust) {
    if (!chainVerifies(*trust, cert, certs.get(), now))
      return cmsError("untrusted_certificate", "the chain does not verify");
    v.chain_verified = true;
  }
  return v;
}

} // namespace kelisim::app::mediation
