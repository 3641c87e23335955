// sigv4.cpp — AWS Signature Version 4 over OpenSSL's SHA-256 and HMAC.
#include "http/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <map>

namespace aslcheck::http {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Header values: leading/trailing spaces trimmed, inner runs of spaces collapsed to one.
std::string trim_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// name -> comma-joined values, names lower-cased and sorted.
std::map<std::string, std::string> canonical_headers(const HeaderList& headers) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    auto [slot, fresh] = out.try_emplace(lower(name));
    if (!fresh) slot->second += ',';
    slot->second += trim_value(value);
  }
  return out;
}

std::string signed_headers(const std::map<std::string, std::string>& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += (out.empty() ? "" : ";") + name;
  return out;
}

std::string date_of(const SigningScope& scope) { return scope.amz_date.substr(0, 8); }

std::string credential_scope(const SigningScope& scope) {
  return date_of(scope) + "/" + scope.region + "/" + scope.service + "/aws4_request";
}

}  // namespace

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return hex(std::string_view(reinterpret_cast<const char*>(digest.data()), size));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), mac.data(), &size);
  return std::string(reinterpret_cast<const char*>(mac.data()), size);
}

std::string uri_encode(std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 15]);
    }
  }
  return out;
}

// CanonicalRequest = Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n
//                    SignedHeaders \n hex(SHA256(body))
std::string canonical_request(const SigningRequest& request) {
  std::vector<std::pair<std::string, std::string>> query;
  for (const auto& [k, v] : request.query) query.emplace_back(uri_encode(k), uri_encode(v));
  std::sort(query.begin(), query.end());
  std::string query_text;
  for (const auto& [k, v] : query) {
    if (!query_text.empty()) query_text += '&';
    query_text += k;
    query_text += '=';
    query_text += v;
  }
  auto headers = canonical_headers(request.headers);
  std::string out;
  std::string method = request.method;
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // Appended piece by piece (GCC 12 warns falsely about "literal" + std::string temporaries).
  out += method;
  out += '\n';
  out += request.path.empty() ? std::string_view("/") : std::string_view(request.path);
  out += '\n';
  out += query_text;
  out += '\n';
  for (const auto& [name, value] : headers) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  out += '\n';
  out += signed_headers(headers);
  out += '\n';
  out += sha256_hex(request.body);
  return out;
}

std::string string_to_sign(const SigningRequest& request, const SigningScope& scope) {
  return "AWS4-HMAC-SHA256\n" + scope.amz_date + "\n" + credential_scope(scope) + "\n" +
         sha256_hex(canonical_request(request));
}

std::string signature(const SigningRequest& request, const SigningScope& scope, std::string_view secret_access_key) {
  std::string key = hmac_sha256("AWS4" + std::string(secret_access_key), date_of(scope));
  key = hmac_sha256(key, scope.region);
  key = hmac_sha256(key, scope.service);
  key = hmac_sha256(key, "aws4_request");
  return hex(hmac_sha256(key, string_to_sign(request, scope)));
}

std::string authorization(const SigningRequest& request, const SigningScope& scope, const Credentials& credentials) {
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + credential_scope(scope) +
         ", SignedHeaders=" + signed_headers(canonical_headers(request.headers)) +
         ", Signature=" + signature(request, scope, credentials.secret_access_key);
}

void sign(SigningRequest& request, const SigningScope& scope, const Credentials& credentials) {
  auto drop = [&](std::string_view name) {
    std::erase_if(request.headers, [&](const auto& h) { return lower(h.first) == name; });
  };
  drop("authorization");
  drop("x-amz-date");
  drop("x-amz-security-token");
  request.headers.emplace_back("X-Amz-Date", scope.amz_date);
  if (!credentials.session_token.empty()) request.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  std::string value = authorization(request, scope, credentials);
  request.headers.emplace_back("Authorization", std::move(value));
}

std::string amz_date_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

}  // namespace aslcheck::http
