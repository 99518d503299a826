// libFuzzer target: the JSON request-body decoder (transport::parseJsonObject) and the
// JsonInput getters the routes call on what it returns. Checks that nothing crashes or
// leaks, that an accepted body round-trips through serialize/parse, and that a failed
// finish() always names at least one field.
#include "transport/json_input.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace kelisim;

namespace {
void check(bool condition) {
  if (!condition) std::abort();
}

void readEverything(const boost::json::object &object) {
  transport::JsonInput in(object);
  // The fields the routes read, with their limits (auth_routes.cpp, user_routes.cpp, …).
  (void)in.string("email", true, 254);
  (void)in.string("password", true, 1024);
  (void)in.string("display_name", false, 100);
  (void)in.string("organisation_id", false, 64);
  (void)in.boolean("consent", false);
  (void)in.language("language", false);
  (void)in.role("role", false);
  (void)in.kinds("kinds", false);
  (void)in.languages("languages", false);
  (void)in.words("categories", false, 32, 32);
  if (const auto *name = in.object("name", false)) {
    transport::JsonInput names(*name);
    (void)names.string("kk", true, 200);
    (void)names.string("ru", true, 200);
    (void)names.string("en", true, 200);
    auto st = names.finish();
    if (!st) check(!st.error().fields.empty());
  }
  auto st = in.finish();
  if (!st) {
    check(st.error().code == core::ErrorCode::validation_failed);
    check(!st.error().fields.empty());
    for (const auto &f : st.error().fields) check(!f.code.empty());
  }

  // Every key once more, through the generic getters, with tiny limits.
  transport::JsonInput again(object);
  for (const auto &kv : object) {
    (void)again.string(kv.key(), false, 3);
    (void)again.words(kv.key(), false, 2, 2);
  }
  (void)again.finish();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  for (int depth : {16, 8, 1}) {
    auto parsed = transport::parseJsonObject(text, depth);
    if (!parsed) {
      check(parsed.error().code == core::ErrorCode::invalid_json);
      continue;
    }
    // What was accepted serialises and parses back to an object with the same members.
    // (Not bit-equal: Boost.JSON 1.81 may read a huge number one ulp off; regression input
    // corpus/json_input/huge-number.json.)
    const std::string again = boost::json::serialize(*parsed);
    auto reparsed = transport::parseJsonObject(again, depth + 1);
    check(reparsed.ok());
    check(reparsed->size() == parsed->size());
    for (const auto &kv : *parsed) check(reparsed->contains(kv.key()));
    readEverything(*parsed);
  }
  return 0;
}
