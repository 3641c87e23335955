// http_server.cpp — Boost.Beast asynchronous HTTP/1.1 server that feeds AWS JSON 1.0 requests to SfnService.
#include "serve/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "asl/json.h"

namespace aslcheck::serve {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, SfnService& service) : stream_(std::move(socket)), service_(service) {}
  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(std::chrono::seconds(120));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == net::error::eof) return close();
    ApiReply reply;
    bool keep_alive = false;
    if (ec == http::error::body_limit) {
      reply = api_error("ValidationException", "Request entity too large", 413);
    } else if (ec) {
      return close();
    } else {
      auto& request = parser_->get();
      keep_alive = request.keep_alive();
      if (request.method() != http::verb::post) {
        reply = api_error("UnknownOperationException", "", 404);
      } else {
        auto target = request["X-Amz-Target"];
        reply = service_.handle(std::string_view(target.data(), target.size()), request.body());
      }
    }
    auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status), 11);
    response->set(http::field::content_type, "application/x-amz-json-1.0");
    response->set("x-amzn-RequestId", request_id());
    response->keep_alive(keep_alive);
    response->body() = asl::json::write(reply.body);
    response->prepare_payload();
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read();
                      });
  }

  std::string request_id() {
    static std::atomic<std::uint64_t> counter{0};
    char buffer[40];
    std::uint64_t n = ++counter;
    std::snprintf(buffer, sizeof buffer, "00000000-0000-4000-8000-%012llx", static_cast<unsigned long long>(n));
    return buffer;
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  SfnService& service_;
};

}  // namespace

struct HttpServer::Impl {
  SfnService& service;
  ServerOptions options;
  net::io_context io;
  tcp::acceptor acceptor{io};
  net::signal_set signals{io};
  std::uint16_t port = 0;

  Impl(SfnService& s, ServerOptions o)
      : service(s), options(std::move(o)), io(static_cast<int>(options.threads == 0 ? 2 : options.threads)) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(socket), service)->start();
      accept();
    });
  }
};

HttpServer::HttpServer(SfnService& service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

HttpServer::~HttpServer() { stop(); }

asl::Checked HttpServer::start() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec) return asl::Error{std::string(asl::errc::usage), "bad listen address '" + impl_->options.address + "'", {}};
  tcp::endpoint endpoint{address, impl_->options.port};
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return asl::Error{std::string(asl::errc::io),
                      "cannot listen on " + impl_->options.address + ":" + std::to_string(impl_->options.port) + ": " + ec.message(), {}};
  }
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  if (impl_->options.stop_on_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->io.stop();
    });
  }
  return asl::checked_ok();
}

std::uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::run() {
  unsigned threads = impl_->options.threads != 0 ? impl_->options.threads : std::max(2u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (std::thread& t : pool) t.join();
}

void HttpServer::stop() {
  if (impl_) impl_->io.stop();
}

}  // namespace aslcheck::serve
