// A detached CMS (PKCS #7 SignedData) signature of a mediation document, verified with
// OpenSSL 3 (issue 10; Art. 18 p.3 of the Law "On Mediation": a party may sign with an X.509
// certificate, ЭЦП). verifyDetachedCms checks that one signer signed exactly the document's
// bytes with RSA or ECDSA over SHA-256/384/512, that the signer's certificate was valid at
// `now` and at the signing time it carries, and, given a CmsTrust, that it chains to one of
// its CAs. Stateless; safe from any thread (a CmsTrust is immutable once loaded and may be
// shared). Never logs, and never puts the content in an Error.
//
// NOT VERIFIED YET: GOST R 34.10/34.11 (and the national CA's KZ GOST 34.310) signatures,
// which most certificates of the National Certification Centre of the RK (НУЦ РК) carry.
// OpenSSL 3 has no GOST without an engine; such a CMS (OIDs 1.2.643.* or 1.2.398.* in the
// signer's key, digest or signature algorithm) is answered `unsupported_algorithm`, never
// `signature_mismatch`. НУЦ РК also issues RSA certificates; those are verified here.
//
// The input may be DER, base64 of the DER (whitespace ignored) or PEM ("-----BEGIN CMS-----"
// or "PKCS7"), at most kMaxCmsBytes of DER. A CMS that embeds its content is accepted only if
// the embedded bytes equal `content`. Errors, all Error::field("cms", code), checked in this
// order:
//   invalid_value          not a CMS SignedData, malformed, too big, trailing bytes, not
//                          exactly one signer, the signer's certificate not included;
//   unsupported_algorithm  GOST (see above), or a key other than RSA/EC, or a digest other
//                          than SHA-256/384/512;
//   signature_mismatch     the signature does not verify over `content` (a changed PDF), or
//                          the embedded content differs from it;
//   certificate_expired    `now` or the signing time outside the certificate's validity;
//   untrusted_certificate  with a CmsTrust: the chain to its CAs does not verify at `now`;
//                          or the certificate's key usage forbids signing.
// (A content of 2 GiB or more is payload_too_large; OpenSSL's failing allocations internal.)
// The signing time is the signer's claim (a signed attribute, no time-stamp token), so it
// only narrows what is accepted. Revocation (НУЦ РК's CRL or OCSP) is not checked yet: a
// revoked certificate within its validity verifies.
//
// A party can make such a signature with OpenSSL (cms_signature_test.cpp runs it), all on
// one line:
//   openssl cms -sign -binary -in doc.pdf -signer cert.pem -inkey key.pem
//       -outform DER -out doc.pdf.cms
// (`-outform PEM` works too; add `-md sha384` or `-md sha512` for another digest.)
#pragma once

#include "core/error.hpp"
#include "core/mediation/model.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kelisim::app::mediation {

inline constexpr std::size_t kMaxCmsBytes = 64 * 1024;

// The CA certificates a signer's certificate must chain to (e.g. НУЦ РК's RSA root and
// intermediate), loaded once at start from a PEM file; immutable, cheap to copy.
class CmsTrust {
public:
  // Every certificate of a PEM file; fails (internal, with a log text) when the file cannot
  // be read or holds no certificate.
  static core::Result<CmsTrust> fromPemFile(const std::string &path);
  // The same from PEM text.
  static core::Result<CmsTrust> fromPem(std::string_view pem);

  std::size_t size() const; // how many CA certificates

  struct Store; // OpenSSL's X509_STORE, kept out of this header
  const Store &store() const { return *store_; }

private:
  explicit CmsTrust(std::shared_ptr<const Store> store);
  std::shared_ptr<const Store> store_;
};

struct CmsVerified {
  // subject: one line, RFC 2253 order, UTF-8 unescaped ("CN=Әлия Серікқызы,
  // serialNumber=IIN880101300002,C=KZ"); serial: lowercase hex; algorithm: the key's and the
  // digest's names ("rsaEncryption/sha256", "id-ecPublicKey/sha384"); cms_base64: the DER
  // as received, in base64 (one line).
  core::mediation::CertificateSignature certificate;
  // From the subject as НУЦ РК writes it: serialNumber "IIN" + 12 digits; "BIN" + 12 digits
  // in OU or organizationIdentifier. As written: the control digit is not checked here
  // (core/mediation/identity does that), nor that it is the signing party's.
  std::optional<std::string> iin, bin;
  core::Time not_before{}, not_after{};
  std::optional<core::Time> signing_time; // the signed attribute, if present
  bool chain_verified = false;            // true only with a CmsTrust
};

// Verifies `cms` as a signature of exactly `content` (see the header's contract). Without
// `trust` the signature is checked with the signer's own certificate and chain_verified is
// false: it proves who holds the key the certificate names, not that a CA vouches for them.
core::Result<CmsVerified> verifyDetachedCms(std::string_view cms, std::string_view content,
                                            core::Time now, const CmsTrust *trust = nullptr);

// Whether a dotted OID is a GOST algorithm's (Russian 1.2.643.*, Kazakh 1.2.398.*).
bool isGostOid(std::string_view dotted);

} // namespace kelisim::app::mediation
