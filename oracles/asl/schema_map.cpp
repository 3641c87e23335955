// schema_map.cpp — the schema pass for Map states: processor, item source and selector, limits, reader, batcher, writer, label.
#include <string>
#include <vector>

#include "asl/schema_walker.h"

namespace asl::detail {
namespace {

bool is_expression(const Value& v) { return v.is_string() && is_jsonata_expression(v.as_string()); }

// Characters a Label may not contain [LSC, the same set AWS documents for names].
bool forbidden_in_label(char32_t c) {
  if (c <= 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
  static constexpr std::u32string_view kForbidden = U"?*<>{}[]:;,\\|^~$#%&`\"";
  return kForbidden.find(c) != std::u32string_view::npos;
}

// Decodes UTF-8 leniently (the reader has validated it already).
std::u32string decode(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    char32_t c = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < text.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(c);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

std::string describe(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("\\x") + kHex[(c >> 4) & 0xF] + kHex[c & 0xF];
  }
  std::string out;
  if (c < 0x80) out.push_back(static_cast<char>(c));
  return out;
}

// Whether an ItemProcessor runs inline: no ProcessorConfig, no Mode, or Mode INLINE (a Mode of
// any other value is reported on its own and counts as neither).
bool inline_processor(const Value& processor) {
  const Value* config = processor.get("ProcessorConfig");
  if (config == nullptr) return processor.is_object();
  if (!config->is_object()) return false;
  const Value* mode = config->get("Mode");
  return mode == nullptr || (mode->is_string() && mode->as_string() == "INLINE");
}

// Which ReaderConfig fields go together, as the ItemReader documentation describes them:
// Transformation reads the objects a listObjectsV2 listing names, with the InputType given;
// ManifestType is a getObject manifest (ATHENA_DATA: the data files' InputType is CSV, JSONL or
// PARQUET; S3_INVENTORY: CSV files, InputType MANIFEST or none); ItemsPointer selects the array
// of a JSON file. UNCONFIRMED: that AWS checks these when the definition is created rather than
// when the Map runs, and the wordings (AWS's usual ones for a misplaced or missing field).
struct Problem {
  std::string message;
  std::string location;
};
std::vector<Problem> reader_config_problems(const Object& c, const std::string& resource, const std::string& at) {
  std::vector<Problem> problems;
  auto error = [&](std::string message, std::string location) { problems.push_back({std::move(message), std::move(location)}); };
  auto string_of = [&](std::string_view field) -> std::string {
    const Value* v = c.find(field);
    return v != nullptr && v->is_string() ? v->as_string() : "";
  };
  const std::string input_type = string_of("InputType");
  const std::string manifest_type = string_of("ManifestType");
  const std::string transformation = string_of("Transformation");
  const bool listing = resource.ends_with(":states:::s3:listObjectsV2");
  if (c.contains("Transformation") && !listing) error(message::not_supported("Transformation"), at);
  if (c.contains("ManifestType") && listing) error(message::not_supported("ManifestType"), at);
  if (transformation == "LOAD_AND_FLATTEN" || manifest_type == "ATHENA_DATA") {
    if (!c.contains("InputType")) {
      error(message::required_field("InputType"), at);
    } else if (transformation == "LOAD_AND_FLATTEN" && input_type == "MANIFEST") {
      error(message::one_of_values("InputType", {"CSV", "JSON", "JSONL", "PARQUET"}), child(at, "InputType"));
    } else if (manifest_type == "ATHENA_DATA" && input_type != "CSV" && input_type != "JSONL" && input_type != "PARQUET") {
      error(message::one_of_values("InputType", {"CSV", "JSONL", "PARQUET"}), child(at, "InputType"));
    }
  }
  if (manifest_type == "S3_INVENTORY" && c.contains("InputType") && input_type != "MANIFEST") {
    error(message::one_of_values("InputType", {"MANIFEST"}), child(at, "InputType"));
  }
  if (c.contains("ItemsPointer") && input_type != "JSON") error(message::not_supported("ItemsPointer"), at);
  return problems;
}

}  // namespace

void SchemaWalker::map(const StateScope& s) {
  const Value* processor = s.json.find("ItemProcessor");
  const Value* iterator = s.json.find("Iterator");
  only_one(s.json, {"ItemProcessor", "Iterator"}, s.location);
  only_one(s.json, {"ItemSelector", "Parameters"}, s.location);
  only_one(s.json, {"MaxConcurrency", "MaxConcurrencyPath"}, s.location);
  only_one(s.json, {"ToleratedFailureCount", "ToleratedFailureCountPath"}, s.location);
  only_one(s.json, {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"}, s.location);
  if (processor == nullptr && iterator == nullptr) {
    error(message::required({"ItemProcessor"}), s.location);  // UNCONFIRMED wording
  }
  if (processor != nullptr) {
    map_processor(s, *processor, child(s.location, "ItemProcessor"));
  } else if (iterator != nullptr) {
    map_processor(s, *iterator, child(s.location, "Iterator"));
  }

  if (const Value* items = s.json.find("Items"); items != nullptr && s.language == QueryLanguage::jsonata) {
    if (!items->is_array() && !is_expression(*items)) {
      error(message::must_be("Items", "an array or a JSONata expression"), child(s.location, "Items"));
    }
    jsonata_strings(*items, child(s.location, "Items"), 0);
  }
  if (const Value* path = s.json.find("ItemsPath")) expect_string(*path, "ItemsPath", child(s.location, "ItemsPath"));
  if (const Value* selector = s.json.find("ItemSelector")) {
    const std::string at = child(s.location, "ItemSelector");
    if (s.language == QueryLanguage::jsonpath) {
      expect_object(*selector, "ItemSelector", at);
    } else {
      if (!selector->is_object() && !is_expression(*selector)) {
        error(message::must_be("ItemSelector", "an object or a JSONata expression"), at);
      }
      jsonata_strings(*selector, at, 0);
    }
  }
  if (const Value* v = s.json.find("MaxConcurrency")) {
    integer_field(*v, "MaxConcurrency", child(s.location, "MaxConcurrency"), 0, 2147483647, s.language);
  }
  if (const Value* v = s.json.find("ToleratedFailureCount")) {
    integer_field(*v, "ToleratedFailureCount", child(s.location, "ToleratedFailureCount"), 0, 2147483647,
                  s.language);
  }
  if (const Value* v = s.json.find("ToleratedFailurePercentage")) {
    number_field(*v, "ToleratedFailurePercentage", child(s.location, "ToleratedFailurePercentage"), 0, 100,
                 s.language);
  }
  for (std::string_view f : {"MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"}) {
    if (const Value* path = s.json.find(f)) expect_string(*path, f, child(s.location, f));
  }
  // ItemReader, ItemBatcher and ResultWriter configure a Map Run, which only a DISTRIBUTED Map
  // has: on an inline one (Mode INLINE or no ProcessorConfig) they are reported like other
  // misplaced fields. UNCONFIRMED: AWS's answer is not on record
  // (docs/aws-differences.md). ToleratedFailure* stays allowed: AWS ran an inline Map with
  // ToleratedFailurePercentage (executions.jsonl, test_base_map_from_input[TOLERATED_FAILURE_PERCENTAGE]).
  const Value* definition = processor != nullptr ? processor : iterator;
  const bool inline_map = definition != nullptr && inline_processor(*definition);
  for (const char* distributed_only : {"ItemReader", "ItemBatcher", "ResultWriter"}) {
    if (inline_map && s.json.contains(distributed_only)) error(message::not_supported(distributed_only), s.location);
  }
  if (const Value* reader = s.json.find("ItemReader"); reader != nullptr && !inline_map) {
    item_reader(s, *reader, child(s.location, "ItemReader"));
  }
  if (const Value* batcher = s.json.find("ItemBatcher"); batcher != nullptr && !inline_map) {
    item_batcher(s, *batcher, child(s.location, "ItemBatcher"));
  }
  if (const Value* writer = s.json.find("ResultWriter"); writer != nullptr && !inline_map) {
    result_writer(s, *writer, child(s.location, "ResultWriter"));
  }
  if (const Value* text = s.json.find("Label")) {
    if (expect_string(*text, "Label", child(s.location, "Label"))) label(text->as_string(), child(s.location, "Label"));
  }
}

// processor = { "ProcessorConfig"?: { "Mode"?: INLINE|DISTRIBUTED, "ExecutionType"?: STANDARD|EXPRESS },
//               "StartAt", "States", "Comment"? }
void SchemaWalker::map_processor(const StateScope& s, const Value& json, const std::string& location) {
  MachineType child_type = s.machine_type;
  if (json.is_object()) {
    if (const Value* config = json.get("ProcessorConfig")) {
      const std::string at = child(location, "ProcessorConfig");
      if (expect_object(*config, "ProcessorConfig", at)) {
        const Object& c = config->as_object();
        unknown_fields(c, {"Mode", "ExecutionType"}, at);
        const Value* mode = c.find("Mode");
        const Value* execution_type = c.find("ExecutionType");
        if (mode != nullptr) enum_field(*mode, "Mode", child(at, "Mode"), {"INLINE", "DISTRIBUTED"});
        if (execution_type != nullptr) {
          enum_field(*execution_type, "ExecutionType", child(at, "ExecutionType"), {"STANDARD", "EXPRESS"});
        }
        const bool distributed = mode != nullptr && mode->is_string() && mode->as_string() == "DISTRIBUTED";
        if (distributed && execution_type == nullptr) error(message::required_field("ExecutionType"), at);
        if (distributed && execution_type != nullptr && execution_type->is_string()) {
          // Distributed children run as their own executions of the declared type.
          child_type = execution_type->as_string() == "EXPRESS" ? MachineType::express : MachineType::standard;
        }
      }
    }
  }
  machine(json, location, s.depth + 1, MachineKind::processor, child_type);
}

// ItemReader = { "Resource", "Parameters"|"Arguments"?, "ReaderConfig"? }
// ReaderConfig = { "InputType"?, "CSVHeaderLocation"?, "CSVHeaders"?, "CSVDelimiter"?, "MaxItems"(Path)?,
//                  "ManifestType"?, "Transformation"?, "ItemsPointer"? }
void SchemaWalker::item_reader(const StateScope& s, const Value& json, const std::string& location) {
  if (!expect_object(json, "ItemReader", location)) return;
  const Object& object = json.as_object();
  unknown_fields(object, {"Resource", "Parameters", "Arguments", "ReaderConfig"}, location);
  if (object.contains("Parameters") && s.language == QueryLanguage::jsonata) {
    error(message::wrong_language(s.language, "Parameters"), location);
  }
  if (object.contains("Arguments") && s.language == QueryLanguage::jsonpath) {
    error(message::wrong_language(s.language, "Arguments"), location);
  }
  const Value* resource = object.find("Resource");
  if (resource == nullptr) {
    error(message::required({"Resource"}), location);
  } else if (expect_string(*resource, "Resource", child(location, "Resource"))) {
    const std::string& r = resource->as_string();
    if (!r.ends_with(":states:::s3:getObject") && !r.ends_with(":states:::s3:listObjectsV2")) {
      error("The resource provided " + r +
                " is not recognized. The value is not a valid resource ARN, or the resource is not available in "
                "this region.",
            child(location, "Resource"));
    }
  }
  const Value* config = object.find("ReaderConfig");
  if (config == nullptr) return;
  const std::string at = child(location, "ReaderConfig");
  if (!expect_object(*config, "ReaderConfig", at)) return;
  const Object& c = config->as_object();
  unknown_fields(c, {"InputType", "CSVHeaderLocation", "CSVHeaders", "MaxItems", "MaxItemsPath", "CSVDelimiter",
                     "ManifestType", "Transformation", "ItemsPointer"},
                 at);
  if (const Value* v = c.find("InputType")) {
    enum_field(*v, "InputType", child(at, "InputType"), {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"});
  }
  if (const Value* v = c.find("CSVDelimiter")) {
    enum_field(*v, "CSVDelimiter", child(at, "CSVDelimiter"), {"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"});
  }
  if (const Value* v = c.find("ManifestType")) {
    enum_field(*v, "ManifestType", child(at, "ManifestType"), {"ATHENA_DATA", "S3_INVENTORY"});
  }
  if (const Value* v = c.find("Transformation")) {
    enum_field(*v, "Transformation", child(at, "Transformation"), {"NONE", "LOAD_AND_FLATTEN"});
  }
  if (const Value* v = c.find("ItemsPointer")) expect_string(*v, "ItemsPointer", child(at, "ItemsPointer"));
  for (const auto& [text, where] :
       reader_config_problems(c, resource != nullptr && resource->is_string() ? resource->as_string() : "", at)) {
    error(text, where);
  }
  if (const Value* v = c.find("CSVHeaderLocation")) {
    enum_field(*v, "CSVHeaderLocation", child(at, "CSVHeaderLocation"), {"FIRST_ROW", "GIVEN"});
  }
  if (const Value* v = c.find("CSVHeaders"); v != nullptr && expect_array(*v, "CSVHeaders", child(at, "CSVHeaders"))) {
    for (const Value& header : v->as_array()) expect_string(header, "CSVHeaders", child(at, "CSVHeaders"));
  }
  only_one(c, {"MaxItems", "MaxItemsPath"}, at);  // [ISS floci#3733]
  if (const Value* v = c.find("MaxItems")) {
    integer_field(*v, "MaxItems", child(at, "MaxItems"), 0, 100000000, s.language);
  }
  if (const Value* v = c.find("MaxItemsPath")) {
    if (s.language == QueryLanguage::jsonata) error(message::wrong_language(s.language, "MaxItemsPath"), at);
    expect_string(*v, "MaxItemsPath", child(at, "MaxItemsPath"));
  }
}

// ItemBatcher = { "MaxItemsPerBatch"(Path)?, "MaxInputBytesPerBatch"(Path)?, "BatchInput"? }
void SchemaWalker::item_batcher(const StateScope& s, const Value& json, const std::string& location) {
  if (!expect_object(json, "ItemBatcher", location)) return;
  const Object& object = json.as_object();
  unknown_fields(object, {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                          "MaxInputBytesPerBatchPath", "BatchInput"},
                 location);
  only_one(object, {"MaxItemsPerBatch", "MaxItemsPerBatchPath"}, location);
  only_one(object, {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}, location);
  if (const Value* v = object.find("MaxItemsPerBatch")) {
    integer_field(*v, "MaxItemsPerBatch", child(location, "MaxItemsPerBatch"), 0, 2147483647, s.language);
  }
  if (const Value* v = object.find("MaxInputBytesPerBatch")) {
    integer_field(*v, "MaxInputBytesPerBatch", child(location, "MaxInputBytesPerBatch"), 0, 262144, s.language);
  }
  for (std::string_view f : {"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"}) {
    const Value* v = object.find(f);
    if (v == nullptr) continue;
    if (s.language == QueryLanguage::jsonata) error(message::wrong_language(s.language, f), location);
    expect_string(*v, f, child(location, f));
  }
  if (const Value* input = object.find("BatchInput")) {
    if (s.language == QueryLanguage::jsonpath) {
      expect_object(*input, "BatchInput", child(location, "BatchInput"));
    } else {
      jsonata_strings(*input, child(location, "BatchInput"), 0);
    }
  }
}

// ResultWriter = { "Resource"?, "Parameters"|"Arguments"?, "WriterConfig"? }
void SchemaWalker::result_writer(const StateScope& s, const Value& json, const std::string& location) {
  if (!expect_object(json, "ResultWriter", location)) return;
  const Object& object = json.as_object();
  unknown_fields(object, {"Resource", "Parameters", "Arguments", "WriterConfig"}, location);
  if (object.contains("Parameters") && s.language == QueryLanguage::jsonata) {
    error(message::wrong_language(s.language, "Parameters"), location);
  }
  if (object.contains("Arguments") && s.language == QueryLanguage::jsonpath) {
    error(message::wrong_language(s.language, "Arguments"), location);
  }
  if (const Value* resource = object.find("Resource");
      resource != nullptr && expect_string(*resource, "Resource", child(location, "Resource")) &&
      !resource->as_string().ends_with(":states:::s3:putObject")) {
    error("The resource provided " + resource->as_string() +
              " is not recognized. The value is not a valid resource ARN, or the resource is not available in this "
              "region.",
          child(location, "Resource"));
  }
  const Value* config = object.find("WriterConfig");
  if (config == nullptr) return;
  const std::string at = child(location, "WriterConfig");
  if (!expect_object(*config, "WriterConfig", at)) return;
  unknown_fields(config->as_object(), {"OutputType", "Transformation"}, at);
  if (const Value* v = config->get("OutputType")) enum_field(*v, "OutputType", child(at, "OutputType"), {"JSON", "JSONL"});
  if (const Value* v = config->get("Transformation")) {
    enum_field(*v, "Transformation", child(at, "Transformation"), {"NONE", "COMPACT", "FLATTEN"});
  }
}

// Label: 1-40 characters, none of the forbidden ones, unique across the machine. The
// recordings hold LocalStack's wording, not AWS's; ours is UNCONFIRMED.
void SchemaWalker::label(const std::string& text, const std::string& location) {
  std::u32string chars = decode(text);
  if (chars.empty()) {
    ctx_.sink.error(kInvalidLabelName, "Label cannot be empty", location);
    return;
  }
  if (chars.size() > 40) {
    ctx_.sink.error(kInvalidLabelName, "Label cannot exceed 40 characters", location);
    return;
  }
  for (char32_t c : chars) {
    if (forbidden_in_label(c)) {
      ctx_.sink.error(kInvalidLabelName, "Label contains invalid character: '" + describe(c) + "'", location);
      return;
    }
  }
  auto [it, inserted] = ctx_.label_locations.emplace(text, location);
  if (!inserted) ctx_.sink.error(kDuplicateLabelName, "Duplicate Label name: " + text, location);
}

}  // namespace asl::detail
