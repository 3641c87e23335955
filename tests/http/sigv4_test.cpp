// sigv4_test.cpp — SigV4 against AWS's published test-suite vectors (tests/data/http/sigv4_vectors.json).
#include <gtest/gtest.h>

#include "http/sigv4.h"
#include "support/test_support.h"

namespace {

using asl::test::field;
using asl::test::string_field;

aslcheck::http::HeaderList pairs(const asl::Value* list) {
  aslcheck::http::HeaderList out;
  if (list == nullptr) return out;
  for (const asl::Value& p : list->as_array()) out.emplace_back(p.at(0)->as_string(), p.at(1)->as_string());
  return out;
}

TEST(SigV4, PublishedVectors) {
  asl::Value doc = asl::test::parse(asl::test::read_text(asl::test::source_path("tests/data/http/sigv4_vectors.json")));
  const asl::Value& suite = *field(doc, "suite");
  aslcheck::http::SigningScope scope{string_field(suite, "region"), string_field(suite, "service"), string_field(suite, "amz_date")};
  const asl::Value* vectors = field(doc, "vectors");
  ASSERT_NE(vectors, nullptr);
  ASSERT_GE(vectors->size(), 15u);
  for (const asl::Value& v : vectors->as_array()) {
    SCOPED_TRACE(string_field(v, "name"));
    aslcheck::http::SigningRequest request;
    request.method = string_field(v, "method");
    request.path = string_field(v, "path");
    request.query = pairs(field(v, "query"));
    request.headers = pairs(field(v, "headers"));
    request.body = string_field(v, "body");
    aslcheck::http::Credentials credentials{string_field(suite, "access_key_id"), string_field(suite, "secret_access_key"),
                                            string_field(v, "session_token")};
    if (field(v, "canonical_request") != nullptr) {
      EXPECT_EQ(aslcheck::http::canonical_request(request), string_field(v, "canonical_request"));
    }
    if (field(v, "string_to_sign") != nullptr) {
      EXPECT_EQ(aslcheck::http::string_to_sign(request, scope), string_field(v, "string_to_sign"));
    }
    EXPECT_EQ(aslcheck::http::authorization(request, scope, credentials), string_field(v, "authorization"));
  }
}

// sign() adds the date and the session token before signing, so a request signed from scratch
// matches the suite's post-sts-header-before vector.
TEST(SigV4, SignAddsDateAndTokenBeforeSigning) {
  asl::Value doc = asl::test::parse(asl::test::read_text(asl::test::source_path("tests/data/http/sigv4_vectors.json")));
  const asl::Value& suite = *field(doc, "suite");
  const asl::Value* sts = nullptr;
  for (const asl::Value& v : field(doc, "vectors")->as_array()) {
    if (string_field(v, "name") == "post-sts-header-before") sts = &v;
  }
  ASSERT_NE(sts, nullptr);
  aslcheck::http::SigningRequest request;
  request.method = "POST";
  request.headers = {{"Host", "example.amazonaws.com"}};
  aslcheck::http::sign(request,
                       {string_field(suite, "region"), string_field(suite, "service"), string_field(suite, "amz_date")},
                       {string_field(suite, "access_key_id"), string_field(suite, "secret_access_key"),
                        string_field(*sts, "session_token")});
  std::string authorization;
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization") authorization = value;
  }
  EXPECT_EQ(authorization, string_field(*sts, "authorization"));
}

}  // namespace
