// sigv4.h — AWS Signature Version 4: canonical request, string to sign and Authorization header (OpenSSL HMAC-SHA256).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/credentials.h"

namespace aslcheck::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A request as SigV4 sees it. `path` is already URI-encoded as sent; query parameters are raw
// (encoded here); header names in any case, repeated names allowed (joined with ',').
struct SigningRequest {
  std::string method = "POST";
  std::string path = "/";
  HeaderList query;
  HeaderList headers;  // must include Host and X-Amz-Date
  std::string body;
};

struct SigningScope {
  std::string region;
  std::string service;
  std::string amz_date;  // 20150830T123600Z
};

std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw bytes
std::string hex(std::string_view bytes);
// RFC 3986 unreserved characters kept, everything else %XX (upper case), as SigV4 encodes.
std::string uri_encode(std::string_view text);

std::string canonical_request(const SigningRequest& request);
std::string string_to_sign(const SigningRequest& request, const SigningScope& scope);
std::string signature(const SigningRequest& request, const SigningScope& scope, std::string_view secret_access_key);
// "AWS4-HMAC-SHA256 Credential=.../<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=..."
std::string authorization(const SigningRequest& request, const SigningScope& scope, const Credentials& credentials);

// Adds X-Amz-Date, X-Amz-Security-Token (a session token is signed, as the SDKs do) and
// Authorization to the request's headers.
void sign(SigningRequest& request, const SigningScope& scope, const Credentials& credentials);

// "20150830T123600Z" for now (UTC).
std::string amz_date_now();

}  // namespace aslcheck::http
