// sfn_client.cpp — signed AWS JSON 1.0 calls to Step Functions with retries on throttling and 1/s TestState pacing.
#include "http/sfn_client.h"

#include <cmath>
#include <mutex>
#include <random>
#include <thread>

#include "asl/json.h"

namespace aslcheck::http {

namespace {

constexpr std::string_view kContentType = "application/x-amz-json-1.0";

// StartSyncExecution and TestState carry the endpoint hostPrefix "sync-" on AWS.
bool sync_operation(std::string_view operation) { return operation == "StartSyncExecution" || operation == "TestState"; }

// TestState's 1 TPS quota holds per account, so pacing is process-wide.
void pace_test_state(std::chrono::milliseconds interval, const std::function<void(std::chrono::milliseconds)>& sleep) {
  static std::mutex mutex;
  static std::chrono::steady_clock::time_point last{};
  std::lock_guard lock(mutex);
  auto now = std::chrono::steady_clock::now();
  if (last != std::chrono::steady_clock::time_point{} && now - last < interval) {
    sleep(std::chrono::duration_cast<std::chrono::milliseconds>(interval - (now - last)));
  }
  last = std::chrono::steady_clock::now();
}

std::string error_code(std::string type) {
  auto hash = type.rfind('#');
  if (hash != std::string::npos) type = type.substr(hash + 1);
  auto colon = type.find(':');  // some services append ":http://internal.amazon.com/..."
  if (colon != std::string::npos) type = type.substr(0, colon);
  return type;
}

}  // namespace

bool retryable(const asl::Error& error, int http_status) {
  if (error.name == "Transport") return true;
  if (error.name == "ThrottlingException" || error.name == "TooManyRequestsException" ||
      error.name == "RequestLimitExceeded" || error.name == "ServiceUnavailable" || error.name == "InternalFailure" ||
      error.name == "Throttling" || error.name == "ProvisionedThroughputExceededException") {
    return true;
  }
  return http_status >= 500;
}

SfnClient::SfnClient(AwsSettings settings, SfnClientOptions options)
    : settings_(std::move(settings)), options_(std::move(options)) {
  if (!options_.sleep) options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

SfnClient::~SfnClient() = default;

HttpClient& SfnClient::client_for(std::string_view operation) {
  bool sync = real_aws() && sync_operation(operation);
  std::unique_ptr<HttpClient>& slot = sync ? sync_ : main_;
  if (!slot) {
    std::string url = settings_.endpoint_url.empty()
                          ? "https://" + std::string(sync ? "sync-" : "") + "states." + settings_.region + ".amazonaws.com"
                          : settings_.endpoint_url;
    auto parsed = parse_url(url);
    // A bad endpoint URL is reported by the target before any call; fall back to a URL that fails.
    slot = std::make_unique<HttpClient>(parsed ? *parsed : Url{"http", "invalid.invalid", "80", "/", true}, options_.timeout);
  }
  return *slot;
}

asl::Expected<asl::Value> SfnClient::call_once(std::string_view operation, const std::string& body) {
  HttpClient& client = client_for(operation);
  SigningRequest request;
  request.method = "POST";
  request.path = client.endpoint().path;
  request.body = body;
  request.headers = {{"Host", client.endpoint().host_header()},
                     {"Content-Type", std::string(kContentType)},
                     {"X-Amz-Target", "AWSStepFunctions." + std::string(operation)}};
  sign(request, SigningScope{settings_.region, "states", amz_date_now()}, settings_.credentials);
  auto response = client.post(request.path, request.headers, request.body);
  if (!response) {
    last_status_ = 0;
    return std::move(response).error();
  }
  last_status_ = response->status;
  auto parsed = response->body.empty() ? asl::Expected<asl::Value>(asl::Value(asl::Object{})) : asl::json::read(response->body);
  if (response->status >= 200 && response->status < 300) {
    if (!parsed) return asl::Error{"Transport", "the response to " + std::string(operation) + " is not JSON: " + parsed.error().message, {}};
    return std::move(parsed).value();
  }
  asl::Error error{"HTTP" + std::to_string(response->status), "", {}};
  if (parsed && parsed->is_object()) {
    if (const asl::Value* type = parsed->get("__type"); type != nullptr && type->is_string()) error.name = error_code(type->as_string());
    for (const char* key : {"message", "Message"}) {
      if (const asl::Value* m = parsed->get(key); m != nullptr && m->is_string()) error.message = m->as_string();
    }
  } else {
    error.message = response->body.substr(0, 500);
  }
  // The query protocol's header form, used by some proxies.
  for (const auto& [name, value] : response->headers) {
    if (error.name.starts_with("HTTP") && (name == "x-amzn-ErrorType" || name == "X-Amzn-ErrorType")) error.name = error_code(value);
  }
  return error;
}

asl::Expected<asl::Value> SfnClient::call(std::string_view operation, const asl::Value& request) {
  std::string body = asl::json::write(request);
  static thread_local std::mt19937_64 jitter{std::random_device{}()};
  for (int attempt = 1;; ++attempt) {
    if (operation == "TestState") pace_test_state(options_.test_state_interval, options_.sleep);
    auto result = call_once(operation, body);
    if (result || attempt >= options_.max_attempts || !retryable(result.error(), last_status_)) return result;
    ++retries_;
    // Exponential backoff with full jitter (AWS's recommended retry strategy).
    double cap = std::min<double>(static_cast<double>(options_.max_delay.count()),
                                  static_cast<double>(options_.base_delay.count()) * std::pow(2.0, attempt - 1));
    std::uniform_real_distribution<double> pick(0, cap);
    options_.sleep(std::chrono::milliseconds(static_cast<std::int64_t>(pick(jitter))));
  }
}

asl::Expected<asl::Value> SfnClient::execution_history(const std::string& execution_arn) {
  asl::Array events;
  std::string next_token;
  do {
    asl::Object request{{"executionArn", asl::Value(execution_arn)}, {"maxResults", asl::Value(1000)}};
    if (!next_token.empty()) request.set("nextToken", asl::Value(next_token));
    auto page = call("GetExecutionHistory", asl::Value(std::move(request)));
    if (!page) return std::move(page).error();
    if (const asl::Value* list = page->get("events"); list != nullptr && list->is_array()) {
      for (const asl::Value& e : list->as_array()) events.push_back(e);
    }
    const asl::Value* token = page->get("nextToken");
    next_token = token != nullptr && token->is_string() ? token->as_string() : std::string();
  } while (!next_token.empty());
  return asl::Value(std::move(events));
}

}  // namespace aslcheck::http
