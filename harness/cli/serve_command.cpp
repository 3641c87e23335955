// serve_command.cpp — `aslcheck serve`: a Step Functions API endpoint over the reference interpreter, in memory.
#include <iostream>

#include "cli/commands.h"
#include "serve/http_server.h"
#include "serve/mock_config.h"
#include "serve/sfn_service.h"

namespace aslcheck::cli {

namespace {

struct ServeCommandOptions {
  std::string host = "127.0.0.1";
  int port = 8083;
  std::string mock_config;
  std::string region = "us-east-1";
  std::string start_time;
  unsigned threads = 0;
  std::uint64_t seed = 0;
};

int run_serve(const ServeCommandOptions& options) {
  serve::ServiceOptions service_options;
  service_options.region = options.region;
  service_options.seed = options.seed;
  if (!options.start_time.empty()) service_options.start_time = options.start_time;
  if (!options.mock_config.empty()) {
    auto mocks = serve::read_mock_config_file(options.mock_config);
    if (!mocks) {
      std::cerr << "aslcheck serve: " << mocks.error().message << '\n';
      return kExitUsage;
    }
    service_options.mocks = std::move(mocks).value();
  }
  serve::SfnService service(std::move(service_options));
  serve::ServerOptions server_options;
  server_options.address = options.host;
  server_options.port = static_cast<std::uint16_t>(options.port);
  server_options.threads = options.threads;
  server_options.stop_on_signals = true;
  serve::HttpServer server(service, server_options);
  if (auto started = server.start(); !started) {
    std::cerr << "aslcheck serve: " << started.error().message << '\n';
    return kExitUsage;
  }
  // The first line on stdout names the endpoint (with --port 0, the port chosen).
  std::cout << "aslcheck serve: listening on http://" << options.host << ":" << server.port() << std::endl;
  server.run();
  std::cout << "aslcheck serve: stopped after " << service.execution_count() << " executions" << std::endl;
  return kExitOk;
}

}  // namespace

void register_serve(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the Step Functions API over the reference interpreter (in memory)");
  serve->add_option("--port", options->port, "TCP port (default 8083, as Step Functions Local; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--host", options->host, "address to listen on (default 127.0.0.1)");
  serve->add_option("--mock-config", options->mock_config,
                    "a Step Functions Local MockConfigFile: start executions as <stateMachineArn>#<TestCase>");
  serve->add_option("--region", options->region, "the region in ARNs (default us-east-1)");
  serve->add_option("--start-time", options->start_time,
                    "start every execution at this ISO-8601 instant instead of the wall clock (reproducible outputs)");
  serve->add_option("--threads", options->threads, "worker threads (default: hardware threads, at least 2)");
  serve->add_option("--seed", options->seed, "seed for execution names, UUIDs and jitter (default 0)");
  serve->callback([options, &exit_code] { exit_code = run_serve(*options); });
}

}  // namespace aslcheck::cli
