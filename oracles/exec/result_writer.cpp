// result_writer.cpp — ResultWriter's transformations (NONE, COMPACT, FLATTEN), its JSON / JSONL files and manifest.json.
#include "exec/result_writer.h"

#include "asl/json.h"

namespace asl::exec {

namespace {

Error writer_failed(std::string cause) { return Error{std::string(kStatesResultWriterFailed), std::move(cause), {}}; }

const std::string* string_member(const Value& object, std::string_view key) {
  const Value* v = object.get(key);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

// Shared once: every entry carries them.
const Value& included() {
  static const Value v(Object{{"Included", Value(true)}});
  return v;
}

// A child's name: UNCONFIRMED (AWS names them with UUIDs of its own); ours is derived from the
// Map Run's id and the item's index, so runs reproduce and names stay unique.
std::string child_name(const std::string& run_id, std::size_t index) {
  char tail[16];
  std::snprintf(tail, sizeof tail, "%012zx", index);
  return run_id.substr(0, 24) + tail;
}

}  // namespace

Expected<WriterSettings> resolve_result_writer(const ResultWriter& writer, const Value& input, const StateScope& scope) {
  WriterSettings settings;
  if (!writer.resource.empty()) {
    settings.export_to_s3 = true;
    Value parameters = Value(Object{});
    if (!writer.parameters.is_null()) {
      auto evaluated = evaluate_raw_template(writer.parameters, "Parameters", input, scope);
      if (!evaluated) return std::move(evaluated).error();
      parameters = std::move(evaluated).value();
    }
    // UNCONFIRMED wordings: the validator does not look inside Parameters.
    const std::string* bucket = string_member(parameters, "Bucket");
    if (bucket == nullptr) return writer_failed("The ResultWriter Parameters need a string Bucket");
    settings.bucket = *bucket;
    if (const std::string* prefix = string_member(parameters, "Prefix")) settings.prefix = *prefix;
  }
  const Value& config = writer.writer_config;
  if (const std::string* type = string_member(config, "OutputType")) settings.jsonl = *type == "JSONL";
  // "NONE ... Default when exporting ... and WriterConfig is not specified"; "COMPACT ...
  // Default when ResultWriter is not specified" (ResultWriter (Map)). A WriterConfig without a
  // Transformation: UNCONFIRMED, taken as NONE.
  if (const std::string* t = string_member(config, "Transformation")) {
    if (*t == "COMPACT") settings.transformation = WriterSettings::Transformation::compact;
    if (*t == "FLATTEN") settings.transformation = WriterSettings::Transformation::flatten;
  }
  return settings;
}

// The entry of a child under Transformation NONE: its execution's metadata, with input and
// output as JSON text. The field set follows the ResultWriter documentation's example (members
// in alphabetical order, as there). UNCONFIRMED: the failed child's RedriveStatus, and the child
// ARNs' exact form.
Value MapResults::metadata_entry(const ChildRecord& child) const {
  std::string name = child_name(identity_.run_id, child.index);
  Object entry;
  entry.reserve(14);
  if (!child.ok) {
    if (child.cause->has_value()) entry.append_unique("Cause", Value(**child.cause));
    if (child.error->has_value()) entry.append_unique("Error", Value(**child.error));
  }
  entry.append_unique("ExecutionArn", Value(identity_.execution_prefix + name));
  entry.append_unique("Input", Value(json::write(*child.input)));
  entry.append_unique("InputDetails", included());
  entry.append_unique("Name", Value(name));
  if (child.ok) {
    entry.append_unique("Output", Value(json::write(*child.output)));
    entry.append_unique("OutputDetails", included());
  }
  entry.append_unique("RedriveCount", Value(0));
  if (child.ok) {
    entry.append_unique("RedriveStatus", Value("NOT_REDRIVABLE"));
    entry.append_unique("RedriveStatusReason", Value("Execution is SUCCEEDED and cannot be redriven"));
  } else {
    entry.append_unique("RedriveStatus", Value("REDRIVABLE_BY_MAP_RUN"));
  }
  entry.append_unique("StartDate", Value(format_timestamp(child.start)));
  entry.append_unique("StateMachineArn", Value(identity_.state_machine_arn));
  entry.append_unique("Status", Value(child.ok ? "SUCCEEDED" : "FAILED"));
  entry.append_unique("StopDate", Value(format_timestamp(child.stop)));
  return Value(std::move(entry));
}

void MapResults::append(bool succeeded, const Value& entry) {
  if (!writer_->export_to_s3) {
    results_.push_back(entry);
    return;
  }
  if (writer_->jsonl) {
    std::string& lines = succeeded ? succeeded_lines_ : failed_lines_;
    json::write_to(lines, entry);
    lines.push_back('\n');
  } else {
    (succeeded ? succeeded_ : failed_).push_back(entry);
  }
  ++(succeeded ? succeeded_count_ : failed_count_);
}

void MapResults::add(const ChildRecord& child) {
  if (!writer_) {
    // No ResultWriter: the outputs in order. A tolerated failed child of a distributed Map
    // shows as {"Error", "Cause"}: UNCONFIRMED.
    if (child.ok) {
      results_.push_back(*child.output);
    } else {
      Object failed;
      if (child.error->has_value()) failed.append_unique("Error", Value(**child.error));
      if (child.cause->has_value()) failed.append_unique("Cause", Value(**child.cause));
      results_.emplace_back(std::move(failed));
    }
    return;
  }
  // A failed child is always written unchanged, as under NONE (ResultWriter (Map), Note).
  if (!child.ok || writer_->transformation == WriterSettings::Transformation::none) {
    append(child.ok, metadata_entry(child));
    return;
  }
  if (writer_->transformation == WriterSettings::Transformation::flatten && child.output->is_array()) {
    for (const Value& element : child.output->as_array()) append(true, element);
    return;
  }
  append(true, *child.output);
}

Value MapResults::finish(std::map<std::string, Value>& objects) {
  if (!writer_ || !writer_->export_to_s3) return Value(std::move(results_));
  // <Prefix>/<Map Run id>/manifest.json beside SUCCEEDED_0.json and FAILED_0.json, as in the
  // documented example; a Prefix ending in "/" gets no second one [LSC].
  std::string folder = writer_->prefix;
  if (!folder.empty() && !folder.ends_with('/')) folder.push_back('/');
  folder += identity_.run_id + "/";
  // UNCONFIRMED: the extension of JSONL result files, and that empty ones are not written (the
  // documented manifest lists no file for a status without children).
  const std::string extension = writer_->jsonl ? ".jsonl" : ".json";
  auto store = [&](std::string_view status, std::size_t count, Array& json_entries, std::string& lines) {
    Array listed;
    if (count == 0) return listed;
    std::string key = folder + std::string(status) + "_0" + extension;
    Value content = writer_->jsonl ? Value(std::move(lines)) : Value(std::move(json_entries));
    listed.emplace_back(Object{{"Key", Value(key)}, {"Size", Value(static_cast<std::int64_t>(object_size(content)))}});
    objects[s3_uri(writer_->bucket, key)] = std::move(content);
    return listed;
  };
  Object files;
  files.append_unique("FAILED", Value(store("FAILED", failed_count_, failed_, failed_lines_)));
  files.append_unique("PENDING", Value(Array{}));
  files.append_unique("SUCCEEDED", Value(store("SUCCEEDED", succeeded_count_, succeeded_, succeeded_lines_)));
  Object manifest;
  manifest.append_unique("DestinationBucket", Value(writer_->bucket));
  manifest.append_unique("MapRunArn", Value(identity_.map_run_arn));
  manifest.append_unique("ResultFiles", Value(std::move(files)));
  std::string manifest_key = folder + "manifest.json";
  objects[s3_uri(writer_->bucket, manifest_key)] = Value(std::move(manifest));
  Object details{{"Bucket", Value(writer_->bucket)}, {"Key", Value(manifest_key)}};
  return Value(Object{{"MapRunArn", Value(identity_.map_run_arn)}, {"ResultWriterDetails", Value(std::move(details))}});
}

}  // namespace asl::exec
