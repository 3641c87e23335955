// service_models.cpp — finding and loading the botocore model of a Task Resource's operation, cached per process.
#include "exec/service_models.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "asl/json.h"

namespace asl::exec {

namespace {

namespace fs = std::filesystem;

Error io_error(std::string message) { return {std::string(errc::io), std::move(message), {}}; }

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Step Functions names an SDK action in camelCase (getObject); botocore's operation is GetObject.
std::string pascal_case(std::string_view action) {
  std::string out(action);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// An aws-sdk client name is botocore's serviceId lower-cased without spaces and dashes
// ("CloudWatch Logs" -> cloudwatchlogs, "SFN" -> sfn, "EventBridge" -> eventbridge).
std::string normalized_service_id(std::string_view id) {
  std::string out;
  for (char c : id) {
    if (c != ' ' && c != '-') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Optimized integrations whose result Step Functions builds itself, with no SDK operation behind it.
bool has_own_response_shape(std::string_view service, std::string_view action) {
  return (service == "apigateway" && action == "invoke") || service == "http" ||
         (service == "eks" && (action == "call" || action == "runJob")) ||
         service == "elasticmapreduce";  // createCluster is RunJobFlow, addStep AddJobFlowSteps, ...
}

// The botocore directory of an optimized integration's service.
std::string integration_service(std::string_view service, std::string_view action) {
  if (service == "states") return "stepfunctions";
  if (service == "bedrock" && action == "invokeModel") return "bedrock-runtime";
  return std::string(service);
}

// The newest <api-version>/service-2.json under a service directory, or empty.
std::string newest_model_file(const fs::path& service_dir) {
  std::string best_version, best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(service_dir, ec)) {
    fs::path file = entry.path() / "service-2.json";
    std::string version = entry.path().filename().string();
    if (entry.is_directory(ec) && fs::is_regular_file(file, ec) && version > best_version) {
      best_version = version;
      best = file.string();
    }
  }
  return best;
}

// "serviceId" from the metadata block at the top of a service-2.json (within its first 4 KiB),
// read without parsing the whole model.
std::string service_id_of(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  auto key = head.find("\"serviceId\"");
  if (key == std::string::npos) return {};
  auto open = head.find('"', head.find(':', key));
  auto close = open == std::string::npos ? std::string::npos : head.find('"', open + 1);
  return close == std::string::npos ? std::string() : head.substr(open + 1, close - open - 1);
}

struct Cache {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const ServiceModel>> models;      // by service-2.json path
  std::map<std::string, std::map<std::string, std::string>> service_ids;  // models dir -> client name -> directory
};

Cache& cache() {
  static Cache instance;
  return instance;
}

// Client name -> botocore directory, for every service in `dir` (built once per directory).
const std::map<std::string, std::string>& client_names(const std::string& dir) {
  auto [it, fresh] = cache().service_ids.try_emplace(dir);
  if (!fresh) return it->second;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_directory(ec)) continue;
    std::string name = entry.path().filename().string();
    it->second.emplace(normalized_service_id(name), name);
    std::string file = newest_model_file(entry.path());
    if (!file.empty()) {
      if (std::string id = service_id_of(file); !id.empty()) it->second.emplace(normalized_service_id(id), name);
    }
  }
  return it->second;
}

Expected<std::string> model_file(const std::string& dir, std::string_view service) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return io_error("the AWS service models directory '" + dir + "' does not exist (install awscli, or set " +
                    std::string(kServiceModelsEnv) + " to botocore's data directory)");
  }
  std::string name(service);
  bool plain = !name.empty() &&
               std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) != 0 || c == '-'; });
  if (!plain) return io_error("no API model for service '" + name + "' in '" + dir + "'");
  if (!fs::is_directory(fs::path(dir) / name, ec)) {
    const auto& names = client_names(dir);
    auto found = names.find(normalized_service_id(service));
    if (found == names.end()) return io_error("no API model for service '" + name + "' in '" + dir + "'");
    name = found->second;
  }
  std::string file = newest_model_file(fs::path(dir) / name);
  if (file.empty()) {
    return io_error("no <api-version>/service-2.json under '" + (fs::path(dir) / name).string() +
                    "' (compressed .json.gz models are not read)");
  }
  return file;
}

}  // namespace

std::string service_models_dir() {
  const char* env = std::getenv(std::string(kServiceModelsEnv).c_str());
  return env != nullptr && *env != '\0' ? std::string(env) : std::string(kDefaultServiceModelsDir);
}

ResultModelRef result_model_of(std::string_view resource) {
  ResultModelRef ref;
  std::string_view suffix;
  for (std::string_view s : {".sync:2", ".sync", ".waitForTaskToken"}) {
    if (resource.ends_with(s)) {
      suffix = s;
      resource.remove_suffix(s.size());
      break;
    }
  }
  auto parts = split(resource, ':');
  bool integration =
      parts.size() >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[3].empty() && parts[4].empty();
  if (!integration) {
    ref.unchecked_because = "the result of a Lambda function or an activity has no API model";
    return ref;
  }
  if (suffix == ".waitForTaskToken") {
    ref.unchecked_because = "a .waitForTaskToken Task's result is the output its task token is answered with";
    return ref;
  }
  const bool aws_sdk = parts[5] == "aws-sdk" && parts.size() == 8;
  std::string_view service = aws_sdk ? parts[6] : parts[5];
  std::string_view action = aws_sdk ? parts[7] : parts[6];
  if (aws_sdk) {
    if (!suffix.empty()) {
      ref.unchecked_because = "an aws-sdk .sync Task's result is not modelled";
      return ref;
    }
    ref.service = std::string(service);
    ref.operation = pascal_case(action);
    return ref;
  }
  if (has_own_response_shape(service, action)) {
    ref.unchecked_because = "Step Functions shapes " + std::string(service) + ":" + std::string(action) +
                            "'s result itself; no SDK operation models it";
    return ref;
  }
  ref.service = integration_service(service, action);
  ref.operation = pascal_case(action);
  if (service == "lambda" && action == "invoke") ref.json_members = {"Payload"};
  if (!suffix.empty()) {
    // A .sync result is the finished job as the integration's polling call describes it.
    if (service != "states" || action != "startExecution") {
      ref.unchecked_because = "the result of " + std::string(service) + ":" + std::string(action) +
                              std::string(suffix) + " is the polled job's description, which is not modelled";
      return ref;
    }
    ref.operation = "DescribeExecution";
    if (suffix == ".sync:2") ref.json_members = {"Input", "Output"};  // .sync:2 parses them as JSON
  }
  return ref;
}

const Value* ServiceModel::shape(std::string_view name) const {
  const Value* shapes = document.get("shapes");
  return shapes != nullptr ? shapes->get(name) : nullptr;
}

const Value* ServiceModel::operation(std::string_view name) const {
  const Value* operations = document.get("operations");
  if (operations == nullptr || !operations->is_object()) return nullptr;
  if (const Value* exact = operations->get(name)) return exact;
  std::string wanted = lower(name);
  for (const Member& m : operations->as_object()) {
    if (lower(m.key) == wanted) return &m.value;
  }
  return nullptr;
}

Expected<std::shared_ptr<const ServiceModel>> load_service_model(std::string_view service) {
  std::string dir = service_models_dir();
  std::lock_guard lock(cache().mutex);
  auto file = model_file(dir, service);
  if (!file) return std::move(file).error();
  if (auto cached = cache().models.find(*file); cached != cache().models.end()) return cached->second;
  auto document = json::read_file(*file);
  if (!document) return io_error("the API model '" + *file + "' does not read: " + format_error(document.error()));
  auto model = std::make_shared<ServiceModel>();
  model->path = *file;
  model->document = std::move(document).value();
  cache().models.emplace(*file, model);
  return std::shared_ptr<const ServiceModel>(std::move(model));
}

}  // namespace asl::exec
