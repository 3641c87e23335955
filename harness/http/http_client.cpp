// http_client.cpp — a keep-alive Boost.Beast HTTP/1.1 client, TLS through OpenSSL with peer verification.
#include "http/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace aslcheck::http {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

asl::Error transport(std::string message) { return asl::Error{"Transport", std::move(message), {}}; }

}  // namespace

asl::Expected<Url> parse_url(std::string_view text) {
  Url url;
  auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return asl::Error{std::string(asl::errc::usage), "endpoint URL '" + std::string(text) + "' needs http:// or https://", {}};
  }
  url.scheme = std::string(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    return asl::Error{std::string(asl::errc::usage), "endpoint URL scheme must be http or https, not '" + url.scheme + "'", {}};
  }
  std::string_view rest = text.substr(scheme_end + 3);
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  url.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    url.host = std::string(authority.substr(0, colon));
    url.port = std::string(authority.substr(colon + 1));
    url.default_port = false;
    if (url.port.empty() || url.port.find_first_not_of("0123456789") != std::string::npos) {
      return asl::Error{std::string(asl::errc::usage), "endpoint URL has a bad port: '" + std::string(text) + "'", {}};
    }
  } else {
    url.host = std::string(authority);
    url.port = url.scheme == "https" ? "443" : "80";
  }
  if (url.host.empty()) return asl::Error{std::string(asl::errc::usage), "endpoint URL has no host: '" + std::string(text) + "'", {}};
  return url;
}

struct HttpClient::Connection {
  net::io_context io;
  // Made on the first https connection only: loading the system's CA bundle costs milliseconds
  // of CPU per context (OpenSSL 3 decodes every certificate), which plain-http clients skip.
  std::optional<ssl::context> tls;
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  bool open = false;
};

HttpClient::HttpClient(Url endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout), connection_(std::make_unique<Connection>()) {}

HttpClient::~HttpClient() = default;

asl::Expected<HttpResponse> HttpClient::post(const std::string& path, const HeaderList& headers, const std::string& body) {
  Connection& c = *connection_;
  beast::error_code ec;
  bool https = endpoint_.scheme == "https";
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = c.open;
    if (!c.open) {
      tcp::resolver resolver(c.io);
      auto addresses = resolver.resolve(endpoint_.host, endpoint_.port, ec);
      if (ec) return transport("cannot resolve " + endpoint_.host + ": " + ec.message());
      c.buffer.clear();
      if (https) {
        if (!c.tls) {
          c.tls.emplace(ssl::context::tls_client);
          c.tls->set_default_verify_paths();
          c.tls->set_verify_mode(ssl::verify_peer);
        }
        c.secure.emplace(c.io, *c.tls);
        if (!SSL_set_tlsext_host_name(c.secure->native_handle(), endpoint_.host.c_str())) {
          return transport("cannot set TLS server name for " + endpoint_.host);
        }
        c.secure->set_verify_callback(ssl::host_name_verification(endpoint_.host));
        beast::get_lowest_layer(*c.secure).expires_after(timeout_);
        beast::get_lowest_layer(*c.secure).connect(addresses, ec);
        if (!ec) c.secure->handshake(ssl::stream_base::client, ec);
      } else {
        c.plain.emplace(c.io);
        c.plain->expires_after(timeout_);
        c.plain->connect(addresses, ec);
      }
      if (ec) {
        c.open = false;
        return transport("cannot connect to " + endpoint_.host + ":" + endpoint_.port + ": " + ec.message());
      }
      c.open = true;
    }
    beast::http::request<beast::http::string_body> request{beast::http::verb::post, path, 11};
    bool has_host = false;
    for (const auto& [name, value] : headers) {
      has_host = has_host || beast::iequals(name, "host");
      request.set(name, value);
    }
    if (!has_host) request.set(beast::http::field::host, endpoint_.host_header());
    request.set(beast::http::field::user_agent, "aslcheck/0.1");
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    beast::http::response<beast::http::string_body> response;
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (https) {
      beast::get_lowest_layer(*c.secure).expires_after(timeout_);
      beast::http::write(*c.secure, request, ec);
      if (!ec) beast::http::read(*c.secure, c.buffer, parser, ec);
    } else {
      c.plain->expires_after(timeout_);
      beast::http::write(*c.plain, request, ec);
      if (!ec) beast::http::read(*c.plain, c.buffer, parser, ec);
    }
    if (ec) {
      c.open = false;
      c.plain.reset();
      c.secure.reset();
      // A kept-alive connection the server closed meanwhile: reconnect once.
      if (reused && (ec == beast::http::error::end_of_stream || ec == net::error::connection_reset ||
                     ec == net::error::eof || ec == net::error::broken_pipe)) {
        continue;
      }
      return transport("request to " + endpoint_.host + ":" + endpoint_.port + " failed: " + ec.message());
    }
    response = parser.release();
    HttpResponse out;
    out.status = static_cast<int>(response.result_int());
    out.body = std::move(response.body());
    for (const auto& field : response) out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    if (!response.keep_alive()) {
      c.open = false;
      c.plain.reset();
      c.secure.reset();
    }
    return out;
  }
  return transport("the connection to " + endpoint_.host + " kept closing");
}

}  // namespace aslcheck::http
