// serve_load.cpp — a load client for `aslcheck serve`: N StartSyncExecution requests over C keep-alive connections, requests/s and latency percentiles.
//
// Usage: aslcheck_serve_load --endpoint http://127.0.0.1:PORT [--requests 2000] [--connections 64]
//                            [--definition FILE] [--input FILE]
// Creates one EXPRESS state machine (the definition), then C threads, each with its own
// connection (the project's Beast client, keep-alive), take request numbers from a shared
// counter until N have been sent. A request counts as an error unless it gets HTTP 200 with
// status SUCCEEDED. Prints one JSON line; exits 1 when any request failed, 2 on bad arguments.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "asl/json.h"
#include "http/http_client.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string endpoint;
  long requests = 2000;
  long connections = 64;
  std::string definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
  std::string input = "{}";
};

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

bool parse_arguments(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "serve_load: " << arg << " needs a value\n";
      return false;
    }
    std::string value = argv[++i];
    if (arg == "--endpoint") o.endpoint = value;
    else if (arg == "--requests") o.requests = std::atol(value.c_str());
    else if (arg == "--connections") o.connections = std::atol(value.c_str());
    else if (arg == "--definition" || arg == "--input") {
      if (!read_file(value, arg == "--definition" ? o.definition : o.input)) {
        std::cerr << "serve_load: " << value << ": cannot read\n";
        return false;
      }
    } else {
      std::cerr << "serve_load: unknown argument '" << arg << "'\n";
      return false;
    }
  }
  if (o.endpoint.empty() || o.requests < 1 || o.connections < 1) {
    std::cerr << "serve_load: --endpoint URL is required; --requests and --connections must be positive\n";
    return false;
  }
  return true;
}

aslcheck::http::HeaderList headers_for(const std::string& operation) {
  return {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "AWSStepFunctions." + operation}};
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_arguments(argc, argv, o)) return 2;
  auto url = aslcheck::http::parse_url(o.endpoint);
  if (!url) {
    std::cerr << "serve_load: " << url.error().message << '\n';
    return 2;
  }

  aslcheck::http::HttpClient setup(*url);
  asl::Object create{{"name", asl::Value("serve-load")},
                     {"definition", asl::Value(o.definition)},
                     {"roleArn", asl::Value("arn:aws:iam::123456789012:role/aslcheck")},
                     {"type", asl::Value("EXPRESS")}};
  auto created = setup.post("/", headers_for("CreateStateMachine"), asl::json::write(asl::Value(std::move(create))));
  if (!created || created->status != 200) {
    std::cerr << "serve_load: CreateStateMachine failed: " << (created ? created->body : created.error().message) << '\n';
    return 1;
  }
  auto machine = asl::json::read(created->body);
  const asl::Value* arn = machine ? machine->get("stateMachineArn") : nullptr;
  if (arn == nullptr || !arn->is_string()) {
    std::cerr << "serve_load: CreateStateMachine returned no stateMachineArn: " << created->body << '\n';
    return 1;
  }
  std::string body = asl::json::write(asl::Value(asl::Object{{"stateMachineArn", *arn}, {"input", asl::Value(o.input)}}));

  std::atomic<long> next{0};
  std::atomic<long> errors{0};
  std::mutex mutex;
  std::vector<double> latencies;  // milliseconds, every request
  latencies.reserve(static_cast<std::size_t>(o.requests));
  std::string first_error;
  auto started = Clock::now();
  std::vector<std::thread> threads;
  for (long c = 0; c < o.connections; ++c) {
    threads.emplace_back([&] {
      aslcheck::http::HttpClient client(*url);
      std::vector<double> mine;
      while (next.fetch_add(1) < o.requests) {
        auto sent = Clock::now();
        auto response = client.post("/", headers_for("StartSyncExecution"), body);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        bool ok = response && response->status == 200 && response->body.find("\"status\":\"SUCCEEDED\"") != std::string::npos;
        if (!ok) {
          errors.fetch_add(1);
          std::lock_guard lock(mutex);
          if (first_error.empty()) first_error = response ? response->body : response.error().message;
        }
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::sort(latencies.begin(), latencies.end());

  char line[512];
  std::snprintf(line, sizeof line,
                "{\"requests\":%zu,\"connections\":%ld,\"errors\":%ld,\"seconds\":%.3f,\"requestsPerSecond\":%.1f,"
                "\"latencyMs\":{\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"max\":%.2f}}",
                latencies.size(), o.connections, errors.load(), seconds, static_cast<double>(latencies.size()) / seconds,
                percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                latencies.empty() ? 0.0 : latencies.back());
  std::cout << line << std::endl;
  if (errors.load() > 0) {
    std::cerr << "serve_load: " << errors.load() << " request(s) failed; the first: " << first_error << '\n';
    return 1;
  }
  return 0;
}
