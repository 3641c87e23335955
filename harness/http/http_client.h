// http_client.h — one keep-alive HTTP/1.1 connection (plain or TLS) over Boost.Beast, for the Step Functions client.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "asl/error.h"
#include "http/sigv4.h"

namespace aslcheck::http {

// scheme "://" host [":" port] [path]
struct Url {
  std::string scheme;  // http | https
  std::string host;
  std::string port;    // "80" / "443" when not written
  std::string path;    // "/" when not written
  bool default_port = true;
  std::string host_header() const { return default_port ? host : host + ":" + port; }
};
asl::Expected<Url> parse_url(std::string_view text);

struct HttpResponse {
  int status = 0;
  std::string body;
  HeaderList headers;
};

// Sends requests on one connection, reconnecting when the server closed it. Not thread-safe:
// one client per thread. Errors are transport failures (name "Transport"); any HTTP status is
// a response.
class HttpClient {
 public:
  explicit HttpClient(Url endpoint, std::chrono::milliseconds timeout = std::chrono::seconds(70));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends POST `path` with the given headers (Host is added from the URL unless present).
  asl::Expected<HttpResponse> post(const std::string& path, const HeaderList& headers, const std::string& body);
  const Url& endpoint() const { return endpoint_; }

 private:
  struct Connection;
  Url endpoint_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace aslcheck::http
