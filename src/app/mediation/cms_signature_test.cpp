// Signatures made at test time with OpenSSL's API (and its command line), never stored
// fixtures: RSA-2048 and ECDSA P-256 keys, self-signed and CA-issued certificates whose
// subjects are written as НУЦ РК writes them.
#include "app/mediation/cms_signature.hpp"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace kelisim::app::mediation {

namespace {

using namespace std::chrono_literals;

template <auto Free> struct Deleter {
  template <typename T> void operator()(T *p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;

const core::Time kNow = *core::parseRfc3339("2026-03-02T10:00:00+05:00");
const std::string kCyrillicName = "Әлия Серікқызы Нұрланова";

time_t secondsOf(core::Time t) {
  return static_cast<time_t>(
      std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
}
core::Time at(const char *rfc3339) {
  return *core::parseRfc3339(rfc3339);
}

std::string bioText(BIO *bio) {
  char *data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

struct Identity {
  KeyPtr key;
  X509Ptr cert;
  std::string certPem() const {
    BioPtr out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), cert.get());
    return bioText(out.get());
  }
  std::string keyPem() const {
    BioPtr out(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bioText(out.get());
  }
};

struct CertSpec {
  std::vector<std::pair<std::string, std::string>> subject = {
      {"C", "KZ"}, {"serialNumber", "IIN880101300002"}, {"CN", kCyrillicName}};
  core::Time not_before = at("2020-01-01T00:00:00Z");
  core::Time not_after = at("2099-01-01T00:00:00Z");
  long serial = 0x1a2b3c;
  bool ca = false;
  std::string key_usage; // e.g. "critical,digitalSignature"; empty: none
};

void addExtension(X509 *cert, X509 *issuer, int nid, const std::string &value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  ASSERT_TRUE(ext) << value;
  X509_add_ext(cert, ext.get(), -1);
}

// A certificate for `key`, issued by `issuer` (self-signed without one).
Identity makeIdentity(KeyPtr key, const CertSpec &spec = {}, const Identity *issuer = nullptr) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), spec.serial);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), secondsOf(spec.not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), secondsOf(spec.not_after));
  X509_NAME *name = X509_get_subject_name(cert.get());
  for (const auto &[field, value] : spec.subject)
    EXPECT_EQ(X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char *>(value.c_str()), -1,
                                         -1, 0),
              1)
        << field;
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  X509_set_pubkey(cert.get(), key.get());
  X509 *issuer_cert = issuer ? issuer->cert.get() : cert.get();
  if (spec.ca) {
    addExtension(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else if (!spec.key_usage.empty()) {
    addExtension(cert.get(), issuer_cert, NID_key_usage, spec.key_usage);
  }
  EXPECT_GT(X509_sign(cert.get(), issuer ? issuer->key.get() : key.get(), EVP_sha256()), 0);
  return {std::move(key), std::move(cert)};
}

KeyPtr rsaKey() {
  return KeyPtr(EVP_RSA_gen(2048));
}
KeyPtr ecKey() {
  return KeyPtr(EVP_EC_gen("P-256"));
}

std::string derOf(CMS_ContentInfo *cms) {
  BioPtr out(BIO_new(BIO_s_mem()));
  EXPECT_EQ(i2d_CMS_bio(out.get(), cms), 1);
  return bioText(out.get());
}

// A detached signature of `content` as CMS_sign makes it (SHA-256, signing time now).
std::string signDetached(const Identity &who, std::string_view content,
                         int flags = CMS_DETACHED | CMS_BINARY) {
  BioPtr in(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  CmsPtr cms(CMS_sign(who.cert.get(), who.key.get(), nullptr, in.get(), flags));
  EXPECT_TRUE(cms);
  return cms ? derOf(cms.get()) : std::string();
}

// The same with a chosen digest, signing time and more certificates (a chain).
std::string signWith(const Identity &who, std::string_view content, const EVP_MD *md,
                     std::optional<core::Time> signing_time = std::nullopt,
                     std::vector<X509 *> more = {}) {
  const int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  CMS_SignerInfo *si = CMS_add1_signer(cms.get(), who.cert.get(), who.key.get(), md, flags);
  EXPECT_TRUE(si);
  if (!si) return {};
  for (X509 *c : more) CMS_add1_cert(cms.get(), c);
  if (signing_time) {
    TimePtr t(ASN1_TIME_set(nullptr, secondsOf(*signing_time)));
    EXPECT_EQ(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t.get(), -1), 1);
  }
  BioPtr in(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  EXPECT_EQ(CMS_final(cms.get(), in.get(), nullptr, flags), 1);
  return derOf(cms.get());
}

std::string pemOf(const std::string &der) {
  auto *p = reinterpret_cast<const unsigned char *>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  BioPtr out(BIO_new(BIO_s_mem()));
  EXPECT_EQ(PEM_write_bio_CMS_stream(out.get(), cms.get(), nullptr, 0), 1);
  return bioText(out.get());
}

// Base64 in lines of 64, as mail and most tools wrap it.
std::string base64Of(const std::string &der) {
  std::unique_ptr<BIO, Deleter<BIO_free_all>> b64(BIO_new(BIO_f_base64())); // frees `mem` too
  BIO *mem = BIO_new(BIO_s_mem());
  BIO_push(b64.get(), mem);
  BIO_write(b64.get(), der.data(), static_cast<int>(der.size()));
  (void)BIO_flush(b64.get());
  return bioText(mem);
}

std::string fieldCode(const core::Result<CmsVerified> &r) {
  if (r.ok()) return "ok";
  if (r.error().fields.empty()) return "no field: " + r.error().log;
  EXPECT_EQ(r.error().fields[0].field, "cms");
  return r.error().fields[0].code;
}

// A PDF-like document with bytes that text mode would change.
const std::string kPdf = std::string("%PDF-1.4\r\n%\xe2\xe3\xcf\xd3\r\n1 0 obj\n<<>>\nendobj\n") +
                         std::string(1, '\0') + "\n\x1a trailer\n%%EOF\n";

// Keys are slow to make: once for the suite.
struct Keys {
  Identity rsa = makeIdentity(rsaKey());
  Identity ec = makeIdentity(ecKey());
};
const Keys &keys() {
  static const Keys k;
  return k;
}

class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kelisim-cms-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string &name, const std::string &bytes = {}) const {
    const auto p = path_ + "/" + name;
    if (!bytes.empty()) std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::string read(const std::string &name) const {
    std::ifstream in(path_ + "/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace

TEST(CmsSignature, RsaAndEcdsaVerifyAsDerBase64AndPem) {
  for (const Identity *who : {&keys().rsa, &keys().ec}) {
    const std::string der = signDetached(*who, kPdf);
    for (const std::string &input : {der, base64Of(der), pemOf(der)}) {
      const auto r = verifyDetachedCms(input, kPdf, kNow);
      ASSERT_TRUE(r.ok()) << fieldCode(r) << " " << (r.ok() ? "" : r.error().log);
      EXPECT_EQ(r->certificate.subject,
                "CN=" + kCyrillicName + ",serialNumber=IIN880101300002,C=KZ");
      EXPECT_EQ(r->certificate.serial, "1a2b3c");
      EXPECT_EQ(r->certificate.algorithm,
                who == &keys().rsa ? "rsaEncryption/sha256" : "id-ecPublicKey/sha256");
      EXPECT_EQ(r->certificate.cms_base64, [&] {
        std::string b = base64Of(der);
        std::erase(b, '\n');
        return b;
      }()) << "the DER as received, in base64 on one line";
      EXPECT_EQ(r->iin, "880101300002");
      EXPECT_EQ(r->bin, std::nullopt);
      EXPECT_EQ(r->not_before, at("2020-01-01T00:00:00Z"));
      EXPECT_EQ(r->not_after, at("2099-01-01T00:00:00Z"));
      EXPECT_TRUE(r->signing_time.has_value()) << "CMS_sign adds the signing time";
      EXPECT_FALSE(r->chain_verified);
    }
  }
}

TEST(CmsSignature, Sha384AndSha512AreAcceptedSha1IsNot) {
  const auto rsa512 = verifyDetachedCms(signWith(keys().rsa, kPdf, EVP_sha512()), kPdf, kNow);
  ASSERT_TRUE(rsa512.ok()) << rsa512.error().log;
  EXPECT_EQ(rsa512->certificate.algorithm, "rsaEncryption/sha512");
  const auto ec384 = verifyDetachedCms(signWith(keys().ec, kPdf, EVP_sha384()), kPdf, kNow);
  ASSERT_TRUE(ec384.ok()) << ec384.error().log;
  EXPECT_EQ(ec384->certificate.algorithm, "id-ecPublicKey/sha384");
  EXPECT_EQ(fieldCode(verifyDetachedCms(signWith(keys().rsa, kPdf, EVP_sha1()), kPdf, kNow)),
            "unsupported_algorithm");
}

TEST(CmsSignature, AChangedDocumentIsAMismatch) {
  for (const Identity *who : {&keys().rsa, &keys().ec}) {
    const std::string der = signDetached(*who, kPdf);
    for (std::size_t i : {std::size_t{0}, kPdf.size() / 2, kPdf.size() - 1}) {
      std::string tampered = kPdf;
      tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
      EXPECT_EQ(fieldCode(verifyDetachedCms(der, tampered, kNow)), "signature_mismatch") << i;
    }
    EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf + " ", kNow)), "signature_mismatch");
    EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf.substr(1), kNow)), "signature_mismatch");
    EXPECT_EQ(fieldCode(verifyDetachedCms(der, "", kNow)), "signature_mismatch");
    EXPECT_EQ(fieldCode(verifyDetachedCms(der, std::string_view(), kNow)), "signature_mismatch");
    // Signed without signed attributes: the signature is over the content itself.
    const auto bare = signDetached(*who, kPdf, CMS_DETACHED | CMS_BINARY | CMS_NOATTR);
    EXPECT_EQ(fieldCode(verifyDetachedCms(bare, kPdf, kNow)), "ok");
    std::string tampered = kPdf;
    tampered[3] = 'X';
    EXPECT_EQ(fieldCode(verifyDetachedCms(bare, tampered, kNow)), "signature_mismatch");
  }
}

TEST(CmsSignature, EmbeddedContentMustBeTheDocument) {
  const std::string der = signDetached(keys().rsa, kPdf, CMS_BINARY); // not detached
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, kNow)), "ok");
  const std::string other = signDetached(keys().rsa, "another document", CMS_BINARY);
  EXPECT_EQ(fieldCode(verifyDetachedCms(other, kPdf, kNow)), "signature_mismatch");
}

TEST(CmsSignature, WhatIsNotASignatureIsInvalid) {
  const std::string der = signDetached(keys().ec, kPdf);
  const std::string pem = pemOf(der);
  for (const std::string &input :
       {std::string(), std::string("   \n"), std::string("garbage, not a CMS"),
        std::string("\x30\x03\x02\x01\x01", 5), der.substr(0, der.size() / 2),
        der.substr(0, der.size() - 1), der + std::string(2, '\0'), base64Of(der).substr(0, 100),
        pem.substr(0, pem.size() / 2),
        std::string("-----BEGIN CMS-----\n!!!!\n-----END CMS-----\n"),
        std::string(kMaxCmsBytes + 1, '\x30'), std::string(kMaxCmsBytes * 2, 'A'), kPdf}) {
    const auto r = verifyDetachedCms(input, kPdf, kNow);
    EXPECT_EQ(fieldCode(r), "invalid_value") << input.substr(0, 40);
    EXPECT_EQ(ERR_peek_error(), 0u) << "the OpenSSL error queue is left clear";
  }
  // A certificate is not a CMS.
  EXPECT_EQ(fieldCode(verifyDetachedCms(keys().rsa.certPem(), kPdf, kNow)), "invalid_value");
}

TEST(CmsSignature, AnExpiredCertificateIsRefused) {
  CertSpec spec;
  spec.not_before = at("2020-01-01T00:00:00Z");
  spec.not_after = at("2025-01-01T00:00:00Z");
  const Identity old = makeIdentity(ecKey(), spec);
  const std::string der = signWith(old, kPdf, EVP_sha256(), at("2024-06-01T00:00:00Z"));
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, kNow)), "certificate_expired");
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, at("2024-12-31T00:00:00Z"))), "ok");
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, at("2019-12-31T00:00:00Z"))),
            "certificate_expired")
      << "not valid yet";
  // Valid now, but signed (by its own word) before the certificate was issued.
  const std::string early = signWith(keys().rsa, kPdf, EVP_sha256(), at("2019-06-01T00:00:00Z"));
  EXPECT_EQ(fieldCode(verifyDetachedCms(early, kPdf, kNow)), "certificate_expired");
  // A tampered document is a mismatch even with an expired certificate.
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf + "x", kNow)), "signature_mismatch");
}

TEST(CmsSignature, AChainIsVerifiedAgainstTheTrustedCas) {
  CertSpec ca_spec;
  ca_spec.subject = {{"C", "KZ"}, {"CN", "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) test"}};
  ca_spec.ca = true;
  ca_spec.serial = 1;
  const Identity ca = makeIdentity(rsaKey(), ca_spec);
  CertSpec other_spec = ca_spec;
  other_spec.subject = {{"C", "KZ"}, {"CN", "Another CA"}};
  const Identity other = makeIdentity(ecKey(), other_spec);
  CertSpec leaf_spec;
  leaf_spec.key_usage = "critical,digitalSignature,nonRepudiation";
  const Identity signer = makeIdentity(ecKey(), leaf_spec, &ca);

  TempDir dir;
  const auto trust = CmsTrust::fromPemFile(dir.file("ca.pem", ca.certPem()));
  ASSERT_TRUE(trust.ok()) << trust.error().log;
  EXPECT_EQ(trust->size(), 1u);
  const auto untrusting = CmsTrust::fromPem(other.certPem() + keys().rsa.certPem());
  ASSERT_TRUE(untrusting.ok());
  EXPECT_EQ(untrusting->size(), 2u);

  const std::string der = signDetached(signer, kPdf);
  const auto r = verifyDetachedCms(der, kPdf, kNow, &trust.value());
  ASSERT_TRUE(r.ok()) << fieldCode(r) << " " << (r.ok() ? "" : r.error().log);
  EXPECT_TRUE(r->chain_verified);
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, kNow, &untrusting.value())),
            "untrusted_certificate");
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, kNow)), "ok") << "without trust: not chained";
  // The chain is checked at `now`, not the machine's clock.
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf, at("2100-01-01T00:00:00Z"), &trust.value())),
            "certificate_expired");
  // A self-signed certificate does not chain to the CA.
  EXPECT_EQ(
      fieldCode(verifyDetachedCms(signDetached(keys().rsa, kPdf), kPdf, kNow, &trust.value())),
      "untrusted_certificate");
  // A tampered document is still a mismatch first.
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf + "x", kNow, &trust.value())),
            "signature_mismatch");

  EXPECT_FALSE(CmsTrust::fromPemFile(dir.path() + "/missing.pem").ok());
  EXPECT_FALSE(CmsTrust::fromPem("no certificate here").ok());
  EXPECT_FALSE(CmsTrust::fromPem(std::string_view()).ok());
}

TEST(CmsSignature, AKeyUsageThatForbidsSigningIsRefused) {
  CertSpec spec;
  spec.key_usage = "critical,keyEncipherment";
  const Identity who = makeIdentity(rsaKey(), spec);
  EXPECT_EQ(fieldCode(verifyDetachedCms(signDetached(who, kPdf), kPdf, kNow)),
            "untrusted_certificate");
}

TEST(CmsSignature, AnOrganisationsBinIsReadFromOuOrOrganizationIdentifier) {
  CertSpec ou;
  ou.subject = {{"C", "KZ"},
                {"serialNumber", "IIN880101300002"},
                {"O", "ТОО «Көкшетау Астық»"},
                {"OU", "BIN080140000123"},
                {"CN", kCyrillicName}};
  const auto r1 = verifyDetachedCms(signDetached(makeIdentity(ecKey(), ou), kPdf), kPdf, kNow);
  ASSERT_TRUE(r1.ok()) << r1.error().log;
  EXPECT_EQ(r1->iin, "880101300002");
  EXPECT_EQ(r1->bin, "080140000123");
  EXPECT_NE(r1->certificate.subject.find("O=ТОО «Көкшетау Астық»"), std::string::npos)
      << r1->certificate.subject;

  CertSpec oi;
  oi.subject = {{"C", "KZ"}, {"organizationIdentifier", "BIN080140000123"}, {"CN", "Acme"}};
  const auto r2 = verifyDetachedCms(signDetached(makeIdentity(ecKey(), oi), kPdf), kPdf, kNow);
  ASSERT_TRUE(r2.ok()) << r2.error().log;
  EXPECT_EQ(r2->iin, std::nullopt);
  EXPECT_EQ(r2->bin, "080140000123");

  CertSpec odd;
  odd.subject = {{"serialNumber", "IIN88010130000"}, {"OU", "BINx80140000123"}, {"CN", "A"}};
  const auto r3 = verifyDetachedCms(signDetached(makeIdentity(ecKey(), odd), kPdf), kPdf, kNow);
  ASSERT_TRUE(r3.ok()) << r3.error().log;
  EXPECT_EQ(r3->iin, std::nullopt) << "11 digits";
  EXPECT_EQ(r3->bin, std::nullopt) << "not digits";
}

TEST(CmsSignature, GostOidsAreRecognised) {
  EXPECT_TRUE(isGostOid("1.2.643.7.1.1.1.1"));     // GOST R 34.10-2012 256-bit key
  EXPECT_TRUE(isGostOid("1.2.643.7.1.1.2.2"));     // GOST R 34.11-2012 256-bit digest
  EXPECT_TRUE(isGostOid("1.2.643.2.2.19"));        // GOST R 34.10-2001 key
  EXPECT_TRUE(isGostOid("1.2.398.3.10.1.1.1.1"));  // KZ GOST 34.310-2004 key (НУЦ РК)
  EXPECT_FALSE(isGostOid("1.2.840.113549.1.1.1")); // rsaEncryption
  EXPECT_FALSE(isGostOid("1.2.840.10045.2.1"));    // id-ecPublicKey
  EXPECT_FALSE(isGostOid("1.2.6430.1"));
  EXPECT_FALSE(isGostOid(""));
}

TEST(CmsSignature, AGostSignatureIsUnsupportedNotAMismatch) {
  // An RSA signature whose rsaEncryption OID (in the certificate's key and the signer's
  // signature algorithm) is replaced by KZ GOST 34.310's key OID, 1.2.398.3.10.1.1.1.1, of
  // the same length: what a НУЦ РК GOST signature looks like to OpenSSL.
  const std::string rsa_oid("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 11);
  const std::string gost_oid("\x06\x09\x2a\x83\x0e\x03\x0a\x01\x01\x01\x01", 11);
  std::string der = signDetached(keys().rsa, kPdf);
  int replaced = 0;
  for (auto i = der.find(rsa_oid); i != std::string::npos; i = der.find(rsa_oid, i + 1)) {
    der.replace(i, rsa_oid.size(), gost_oid);
    ++replaced;
  }
  ASSERT_GE(replaced, 1);
  const auto r = verifyDetachedCms(der, kPdf, kNow);
  EXPECT_EQ(fieldCode(r), "unsupported_algorithm") << (r.ok() ? "" : r.error().log);
  EXPECT_EQ(fieldCode(verifyDetachedCms(der, kPdf + "x", kNow)), "unsupported_algorithm");
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(CmsSignature, TheOpensslCommandLineInTheHeaderMakesASignatureThatVerifies) {
  if (!std::filesystem::exists("/usr/bin/openssl")) GTEST_SKIP() << "no /usr/bin/openssl";
  TempDir dir;
  for (const Identity *who : {&keys().rsa, &keys().ec}) {
    const auto pdf = dir.file("doc.pdf", kPdf);
    const auto cert = dir.file("cert.pem", who->certPem());
    const auto key = dir.file("key.pem", who->keyPem());
    const auto out = dir.file("doc.pdf.cms");
    const std::string command = "/usr/bin/openssl cms -sign -binary -in '" + pdf + "' -signer '" +
                                cert + "' -inkey '" + key + "' -outform DER -out '" + out + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    const std::string der = dir.read("doc.pdf.cms");
    const auto r = verifyDetachedCms(der, kPdf, kNow);
    ASSERT_TRUE(r.ok()) << fieldCode(r) << " " << (r.ok() ? "" : r.error().log);
    EXPECT_EQ(r->iin, "880101300002");
    std::string tampered = kPdf;
    tampered[10] = 'Z';
    EXPECT_EQ(fieldCode(verifyDetachedCms(der, tampered, kNow)), "signature_mismatch");
  }
}

} // namespace kelisim::app::mediation
