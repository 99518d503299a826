// Attachments (issue 8): a file is checked by its content, an upload is refused on its header
// alone (a stranger, a file too large, a quota used up) before its body is read, the rate per
// person, downloads as attachments with the name encoded (RFC 6266/5987), backups that carry
// the files.
#include "reception_helpers.hpp"

#include <fstream>
#include <iterator>

namespace kelisim::itest {
namespace {

using namespace reception;
using namespace std::string_literals;

std::string pdf(std::size_t size = 64) {
  std::string bytes = "%PDF-1.7\n";
  bytes.resize(size, ' ');
  return bytes;
}

// An upload's request line and header, with no body sent (the server must answer anyway).
std::string headerOnly(unsigned short port, const std::string &target, HttpClient &as,
                       std::size_t length, const std::string &type = "application/pdf") {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nCookie: " + as.cookieHeader() +
         "\r\nX-CSRF-Token: " + as.cookie("kelisim_csrf").value_or("") +
         "\r\nContent-Type: " + type +
         "\r\nAccept-Language: en\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
}

class Attachments : public ::testing::Test {
protected:
  void open(const std::vector<std::string> &flags = {}) {
    server = std::make_unique<ServerProcess>(receptionServer(flags));
    demo = demoCentres(server->port());
    consultation = lawyerConsultation(server->port(), demo);
    ASSERT_FALSE(consultation.room_id.empty());
  }
  std::string room(const std::string &rest = "") {
    return "/api/v1/rooms/" + consultation.room_id + rest;
  }
  HttpClient &citizen() { return consultation.asked.citizen->http; }
  HttpClient &lawyer() { return consultation.lawyer->http; }
  Response upload(HttpClient &as, const std::string &name, const std::string &bytes,
                  const std::string &type) {
    return as.post(room("/attachments?name=" + name), bytes, {{"Content-Type", type}});
  }

  std::unique_ptr<ServerProcess> server;
  Demo demo;
  Consultation consultation;
};

TEST_F(Attachments, AStrangersUploadIsRefusedBeforeItsBodyIsRead) {
  open();
  const auto port = server->port();
  // Five megabytes announced, none sent: the answer comes at once all the same.
  auto stranger = std::make_unique<Person>(port);
  signedIn(stranger->http, "psychologist.astana@demo.kelisim.kz");
  const auto refused = rawExchange(
      port, headerOnly(port, room("/attachments?name=a.pdf"), stranger->http, 5u << 20));
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 404")) << refused.substr(0, 300);
  EXPECT_NE(refused.find("application/problem+json"), std::string::npos);
  HttpClient nobody(port);
  const auto anonymous =
      rawExchange(port, headerOnly(port, room("/attachments?name=a.pdf"), nobody, 5u << 20));
  EXPECT_TRUE(anonymous.starts_with("HTTP/1.1 401")) << anonymous.substr(0, 300);
  // A member announcing more than a file may hold: 413, also before the body.
  const auto big = rawExchange(
      port, headerOnly(port, room("/attachments?name=a.pdf"), citizen(), (10u << 20) + 1));
  EXPECT_TRUE(big.starts_with("HTTP/1.1 413")) << big.substr(0, 300);
  // A member's upload that announces its body goes on.
  auto ok = upload(citizen(), "a.pdf", pdf(), "application/pdf");
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(HttpClient(port).get("/healthz").status, 200);
}

TEST_F(Attachments, TheContentDecidesNotTheClaim) {
  open();
  // Accepted: what citizens bring.
  const std::string heic = "\x00\x00\x00\x18"
                           "ftypheic\x00\x00\x00\x00mif1heic"s;
  EXPECT_EQ(upload(citizen(), "photo.heic", heic, "image/heic").status, 201);
  EXPECT_EQ(upload(citizen(), "scan.png", tinyPng(), "image/png").status, 201);
  auto text = upload(citizen(), "Өтініш.txt", "Арыз мәтіні\r\nСәлем", "text/plain");
  ASSERT_EQ(text.status, 201) << text.body;
  // Refused: executables and pages, whatever they claim to be.
  for (const auto &[name, bytes, type] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"photo.jpg", "MZ\x90\x00\x03\x00\x00\x00"s, "image/jpeg"},
           {"cv.pdf",
            "\x7F"
            "ELF\x02\x01\x01\x00"s,
            "application/pdf"},
           {"page.txt", "<!doctype html><script>alert(1)</script>", "text/plain"},
           {"logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml"},
           {"page.html", "<html></html>", "text/html"},
       }) {
    auto r = upload(citizen(), name, bytes, type);
    expectProblem(r, 422, "validation-failed");
    EXPECT_EQ(field(fieldError(r, "file"), "code"), "unsupported_type") << name << r.body;
  }
  // A PNG sent as a JPEG is not what it claims.
  auto mismatch = upload(citizen(), "scan.jpg", tinyPng(), "image/jpeg");
  expectProblem(mismatch, 422, "validation-failed");
  EXPECT_EQ(field(fieldError(mismatch, "file"), "code"), "type_mismatch") << mismatch.body;
}

TEST_F(Attachments, DownloadsAreAttachmentsWithTheirNameEncoded) {
  open();
  auto up = upload(citizen(), "Өтініш.txt", "Арыз мәтіні", "text/plain; charset=utf-8");
  ASSERT_EQ(up.status, 201) << up.body;
  const auto id = field(up.json(), "id");
  auto got = lawyer().get("/api/v1/attachments/" + id);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, "Арыз мәтіні");
  EXPECT_EQ(got.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(got.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(got.header("Content-Disposition"),
            "attachment; filename=\"______.txt\"; "
            "filename*=UTF-8''%D3%A8%D1%82%D1%96%D0%BD%D1%96%D1%88.txt");
  // A name that would open as something else gets the type's extension.
  auto page = upload(citizen(), "page.html", "just words", "text/plain");
  ASSERT_EQ(page.status, 201) << page.body;
  EXPECT_EQ(field(page.json(), "file_name"), "page.html.txt");
}

TEST_F(Attachments, QuotasPerRoomAndPerPersonAreKept) {
  open({"--attachments-per-room", "3", "--attachment-megabytes-per-person-per-day", "1"});
  const auto port = server->port();
  EXPECT_EQ(upload(lawyer(), "a.pdf", pdf(), "application/pdf").status, 201);
  // The citizen's day: 1 MB. 600 KB fits once, not twice; refused on the header.
  EXPECT_EQ(upload(citizen(), "b.pdf", pdf(600u << 10), "application/pdf").status, 201);
  const auto over =
      rawExchange(port, headerOnly(port, room("/attachments?name=c.pdf"), citizen(), 600u << 10));
  EXPECT_TRUE(over.starts_with("HTTP/1.1 413")) << over.substr(0, 300);
  EXPECT_NE(over.find("urn:kelisim:problem:quota-exceeded"), std::string::npos) << over;
  EXPECT_EQ(upload(citizen(), "c.pdf", pdf(), "application/pdf").status, 201);
  // The room: three files in all.
  auto fourth = upload(lawyer(), "d.pdf", pdf(), "application/pdf");
  expectLocalisedProblem(lawyer(), 413, "quota-exceeded", [&](HttpClient &c) {
    return c.post(room("/attachments?name=d.pdf"), pdf(), {{"Content-Type", "application/pdf"}});
  });
  expectProblem(fourth, 413, "quota-exceeded");
}

TEST_F(Attachments, UploadsPerMinuteArePerPerson) {
  open({"--uploads-per-minute", "2"});
  EXPECT_EQ(upload(citizen(), "a.pdf", pdf(), "application/pdf").status, 201);
  EXPECT_EQ(upload(citizen(), "b.pdf", pdf(), "application/pdf").status, 201);
  expectProblem(upload(citizen(), "c.pdf", pdf(), "application/pdf"), 429, "too-many-requests");
  EXPECT_EQ(upload(lawyer(), "d.pdf", pdf(), "application/pdf").status, 201);
}

TEST_F(Attachments, ABackupCarriesTheAttachments) {
  open();
  const std::string bytes = pdf(1000);
  auto up = upload(citizen(), "a.pdf", bytes, "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  const auto id = field(up.json(), "id");
  const auto copy = server->dir() / "backup.db";
  std::string output;
  ASSERT_EQ(server->runCommand({"backup", copy.string()}, &output), 0) << output;
  std::ifstream file(server->dir() / "backup.db.attachments" / id, std::ios::binary);
  ASSERT_TRUE(file) << "no copy of attachment " << id << ": " << output;
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(file), {}), bytes);
}

} // namespace
} // namespace kelisim::itest
