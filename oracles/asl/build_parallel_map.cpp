// build_parallel_map.cpp — Parallel branches and Map (inline and distributed) to nested machines and Map settings.
#include <string>

#include "asl/build_detail.h"

namespace asl::detail {
namespace {

std::shared_ptr<const StateMachine> build_nested(const Value& json, const std::string& location, int depth,
                                                 BuildContext& ctx) {
  // Past the limit the schema pass has reported TOO_DEEPLY_NESTED; stop descending so hostile
  // input cannot exhaust the stack.
  if (depth + 1 > kMaxMachineNesting) return std::make_shared<StateMachine>();
  return build_machine(json, location, depth + 1, ctx);
}

Value parameters_or_arguments(const Object& json) {
  if (const Value* parameters = json.find("Parameters")) return *parameters;
  if (const Value* arguments = json.find("Arguments")) return *arguments;
  return Value();
}

}  // namespace

void build_parallel(State& state, const Object& json, const std::string& location, int depth, BuildContext& ctx) {
  const Value* branches = json.find("Branches");
  if (branches == nullptr || !branches->is_array()) return;
  const std::string branches_location = child(location, "Branches");
  std::size_t index = 0;
  for (const Value& branch : branches->as_array()) {
    state.branches.push_back(build_nested(branch, indexed(branches_location, index++), depth, ctx));
  }
}

void build_map(State& state, const Object& json, const std::string& location, int depth, BuildContext& ctx) {
  const char* processor_field = json.contains("ItemProcessor") ? "ItemProcessor" : "Iterator";
  if (const Value* processor = json.find(processor_field)) {
    state.processor = build_nested(*processor, child(location, processor_field), depth, ctx);
    if (const Value* config = processor->get("ProcessorConfig"); config != nullptr && config->is_object()) {
      if (const Value* mode = config->get("Mode"); mode != nullptr && mode->is_string()) {
        state.distributed = mode->as_string() == "DISTRIBUTED";
      }
      if (const Value* type = config->get("ExecutionType"); type != nullptr && type->is_string()) {
        state.processor_execution_type = type->as_string() == "EXPRESS" ? MachineType::express : MachineType::standard;
      }
    }
  } else {
    state.processor = std::make_shared<StateMachine>();
  }

  if (state.language == QueryLanguage::jsonpath) {
    if (const Value* path = json.find("ItemsPath")) state.items_path = compile_path(*path, child(location, "ItemsPath"), PathRule::reference, ctx);
    // ItemSelector, or Parameters (its older name) on Map.
    if (const Value* selector = json.find("ItemSelector")) {
      state.item_selector = build_template(*selector, "ItemSelector", location, ctx);
    } else if (const Value* parameters = json.find("Parameters")) {
      state.item_selector = build_template(*parameters, "Parameters", location, ctx);
    }
  } else {
    state.items = build_jsonata_field(json.find("Items"), child(location, "Items"), StatesAccess::input_only, ctx);
    state.jsonata_item_selector =
        build_jsonata_field(json.find("ItemSelector"), child(location, "ItemSelector"), StatesAccess::input_only, ctx);
  }

  state.max_concurrency = build_number_or_path(json, "MaxConcurrency", "MaxConcurrencyPath", location,
                                               PathRule::reference_no_context, ctx);
  state.tolerated_failure_count =
      build_number_or_path(json, "ToleratedFailureCount", "ToleratedFailureCountPath", location,
                           PathRule::reference_no_context, ctx);
  state.tolerated_failure_percentage =
      build_number_or_path(json, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", location,
                           PathRule::reference_no_context, ctx);
  if (state.language == QueryLanguage::jsonata) {
    for (auto [field, name] : {std::pair{&state.max_concurrency, "MaxConcurrency"},
                               std::pair{&state.tolerated_failure_count, "ToleratedFailureCount"},
                               std::pair{&state.tolerated_failure_percentage, "ToleratedFailurePercentage"}}) {
      if (field->literal) field->jsonata = compile_jsonata(*field->literal, child(location, name), StatesAccess::input_only, ctx);
    }
  }

  if (const Value* reader = json.find("ItemReader"); reader != nullptr && reader->is_object()) {
    const Object& object = reader->as_object();
    ItemReader out;
    if (const Value* resource = object.find("Resource"); resource != nullptr && resource->is_string()) {
      out.resource = resource->as_string();
    }
    out.parameters = parameters_or_arguments(object);
    if (const Value* config = object.find("ReaderConfig")) out.reader_config = *config;
    if (state.language == QueryLanguage::jsonata) {
      const std::string here = child(location, "ItemReader");
      out.jsonata_arguments =
          build_jsonata_field(object.find("Arguments"), child(here, "Arguments"), StatesAccess::input_only, ctx);
      out.jsonata_max_items = build_jsonata_field(out.reader_config.get("MaxItems"),
                                                  child(child(here, "ReaderConfig"), "MaxItems"),
                                                  StatesAccess::input_only, ctx);
    }
    state.item_reader = std::move(out);
  }
  if (const Value* batcher = json.find("ItemBatcher"); batcher != nullptr && batcher->is_object()) {
    const Object& object = batcher->as_object();
    const std::string here = child(location, "ItemBatcher");
    ItemBatcher out;
    out.max_items_per_batch = build_number_or_path(object, "MaxItemsPerBatch", "MaxItemsPerBatchPath", here,
                                                   PathRule::reference_no_context, ctx);
    out.max_input_bytes_per_batch =
        build_number_or_path(object, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", here,
                             PathRule::reference_no_context, ctx);
    if (state.language == QueryLanguage::jsonata) {
      for (auto [field, name] : {std::pair{&out.max_items_per_batch, "MaxItemsPerBatch"},
                                 std::pair{&out.max_input_bytes_per_batch, "MaxInputBytesPerBatch"}}) {
        if (field->literal) field->jsonata = compile_jsonata(*field->literal, child(here, name), StatesAccess::input_only, ctx);
      }
    }
    if (const Value* input = object.find("BatchInput")) {
      if (state.language == QueryLanguage::jsonpath) {
        out.batch_input = build_template(*input, "BatchInput", here, ctx);
      } else {
        out.jsonata_batch_input =
            build_jsonata_field(input, child(here, "BatchInput"), StatesAccess::input_only, ctx);
      }
    }
    state.item_batcher = std::move(out);
  }
  if (const Value* writer = json.find("ResultWriter"); writer != nullptr && writer->is_object()) {
    const Object& object = writer->as_object();
    ResultWriter out;
    if (const Value* resource = object.find("Resource"); resource != nullptr && resource->is_string()) {
      out.resource = resource->as_string();
    }
    out.parameters = parameters_or_arguments(object);
    if (const Value* config = object.find("WriterConfig")) out.writer_config = *config;
    if (state.language == QueryLanguage::jsonata) {
      out.jsonata_arguments = build_jsonata_field(object.find("Arguments"), child(child(location, "ResultWriter"), "Arguments"),
                                                  StatesAccess::input_only, ctx);
    }
    state.result_writer = std::move(out);
  }
  if (const Value* label = json.find("Label"); label != nullptr && label->is_string()) state.label = label->as_string();
}

}  // namespace asl::detail
