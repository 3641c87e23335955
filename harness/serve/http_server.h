// http_server.h — the HTTP/1.1 front of `aslcheck serve`: Boost.Beast, keep-alive, a pool of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "asl/error.h"
#include "serve/sfn_service.h"

namespace aslcheck::serve {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port (see HttpServer::port())
  unsigned threads = 0;    // 0: the machine's hardware threads
  bool stop_on_signals = false;  // SIGINT / SIGTERM end run()
};

// Accepts connections and hands every POST to the service. Requests that are not AWS JSON 1.0
// (wrong method, oversized body) get AWS-shaped errors too.
class HttpServer {
 public:
  HttpServer(SfnService& service, ServerOptions options);
  ~HttpServer();
  // Binds and listens; errors (port in use, bad address) as values.
  asl::Checked start();
  std::uint16_t port() const;
  // Serves until stop() (from any thread or a signal handler through request_stop()).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aslcheck::serve
