// parallel_map.cpp — Parallel branches and Map iterations (inline and distributed) as concurrent fibers.
#include <deque>
#include <map>

#include "asl/json.h"
#include "exec/item_batcher.h"
#include "exec/jsonata_fields.h"
#include "exec/result_writer.h"
#include "exec/retry_catch.h"

namespace asl::exec {

namespace {

// Runs one branch or iteration; the first real failure cancels its siblings, as AWS aborts them.
Task<MachineOutcome> run_child(Execution& ex, Frame& frame, Value input, CancelGroup& group,
                               std::optional<Failure>& first_failure, bool stop_siblings) {
  MachineOutcome out = co_await run_machine(ex, frame, std::move(input));
  if (!out.ok && !out.aborted && !first_failure) {
    first_failure = out.failure;
    if (stop_siblings) group.cancel(ex.scheduler);
  }
  co_return out;
}

Task<Attempt> parallel_attempt(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id,
                               std::int64_t retry_count) {
  StateEnvironment env(ex, frame, s, retry_count);
  auto runtime_failure = [&](const Error& e) {
    return Attempt{false, false, Value(), evaluation_failure(ex, frame, s, e, entered_id)};
  };
  const bool jsonata = s.language == QueryLanguage::jsonata;
  auto effective = jsonata ? Expected<Value>(raw) : apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) co_return runtime_failure(effective.error());
  Value branch_input = *effective;
  if (jsonata) {
    auto arguments = jsonata_output(s.arguments, "Arguments", JsonataScope::of(ex, env.scope, raw), raw);
    if (!arguments) co_return runtime_failure(arguments.error());
    branch_input = std::move(arguments).value();
  } else if (s.parameters) {
    auto built = apply_template(*s.parameters, *effective, env.scope);
    if (!built) co_return runtime_failure(built.error());
    branch_input = std::move(built).value();
  }
  std::int64_t started = ex.add_event(frame, "ParallelStateStarted");
  CancelGroup group(frame.cancel);
  std::optional<Failure> first_failure;
  std::deque<VariableScope> scopes;
  std::deque<Frame> frames;
  std::vector<Task<MachineOutcome>> branches;
  for (std::size_t i = 0; i < s.branches.size(); ++i) {
    scopes.emplace_back(frame.variables);
    frames.push_back(Frame{s.branches[i].get(), &scopes.back(), frame.scope_key + "/" + s.name + "#" + std::to_string(i),
                           started, frame.record_history, &group});
    frames.back().own_event_counter = frame.own_event_counter;  // inside a distributed child: its numbering
  }
  for (std::size_t i = 0; i < s.branches.size(); ++i) {
    branches.push_back(run_child(ex, frames[i], branch_input, group, first_failure, true));
  }
  std::vector<MachineOutcome> outcomes = co_await JoinAll<MachineOutcome>(ex.scheduler, std::move(branches));
  if (ex.case_error || frame.cancelled()) co_return Attempt{false, true, Value(), {}};
  if (first_failure) co_return Attempt{false, false, Value(), *first_failure};
  Array results;
  results.reserve(outcomes.size());
  for (MachineOutcome& o : outcomes) results.push_back(std::move(o.output));
  ex.add_event(frame, "ParallelStateSucceeded");
  co_return Attempt{true, false, Value(std::move(results)), {}};
}

// MaxConcurrency(Path), ToleratedFailureCount(Path), ToleratedFailurePercentage(Path); in JSONata
// mode the literal or expression (`js`).
Expected<std::optional<double>> map_number(const NumberOrPath& field, std::string_view path_field, bool integral,
                                           const Value& effective, const StateScope& scope,
                                           const JsonataScope* js = nullptr) {
  if (js != nullptr) {
    std::string_view name = path_field.substr(0, path_field.size() - 4);  // "MaxConcurrencyPath" -> "MaxConcurrency"
    return jsonata_number(field, name, integral, *js);
  }
  if (field.literal) return std::optional<double>(field.literal->as_double());
  if (!field.path) return std::optional<double>();
  auto number = read_number_at_path(*field.path, path_field, integral, kStatesRuntime, effective, scope);
  if (!number) return std::move(number).error();
  return std::optional<double>(number->as_double());
}

// AWS runs at most 10,000 child executions of a distributed Map at once (asl-facts.md section 7).
constexpr std::size_t kDistributedConcurrency = 10000;

// A child that has finished, kept until every child before it has been recorded.
struct FinishedChild {
  Value input;
  MachineOutcome outcome;
  Instant start;
  Instant stop;
};

// The names of a distributed Map's run: arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>
// as the ResultWriter documentation shows it (the label defaults to the state's name).
MapRunIdentity map_run_identity(Execution& ex, const State& s) {
  MapRunIdentity id;
  id.run_id = ex.entropy.uuid_v4();
  const Value* machine = ex.state_machine_object().get("Name");
  std::string owner = (machine != nullptr && machine->is_string() ? machine->as_string() : std::string("aslcheck")) +
                      "/" + (s.label.empty() ? s.name : s.label);
  std::string arn = "arn:aws:states:" + ex.region + ":123456789012:";
  id.map_run_arn = arn + "mapRun:" + owner + ":" + id.run_id;
  id.execution_prefix = arn + "execution:" + owner + ":";
  id.state_machine_arn = arn + "stateMachine:" + owner;
  return id;
}

Task<Attempt> map_attempt(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id,
                          std::int64_t retry_count) {
  StateEnvironment env(ex, frame, s, retry_count);
  auto runtime_failure = [&](const Error& e) {
    return Attempt{false, false, Value(), evaluation_failure(ex, frame, s, e, entered_id)};
  };
  // JSONata: every field reads $states.input (the raw input); the range errors below keep their
  // JSONPath-mode error name (States.Runtime), UNCONFIRMED for JSONata.
  std::optional<JsonataScope> jsonata;
  if (s.language == QueryLanguage::jsonata) jsonata = JsonataScope::of(ex, env.scope, raw);
  const JsonataScope* js = jsonata ? &*jsonata : nullptr;
  auto runtime = [](std::string cause) { return Error{std::string(kStatesRuntime), std::move(cause), {}}; };
  auto effective = js ? Expected<Value>(raw) : apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) co_return runtime_failure(effective.error());

  // Where the items come from: the ItemReader's object (streamed), or the ItemsPath selection.
  // The reader is opened before MapStateStarted, which reports how many items it holds, but
  // its failures end the Map Run after MapRunStarted. UNCONFIRMED: that order, and the length.
  std::unique_ptr<ItemSource> source;
  std::optional<Error> reader_error;
  if (s.item_reader) {
    Value parameters;
    Value reader_config = s.item_reader->reader_config;
    if (js != nullptr) {
      // JSONata: Arguments and ReaderConfig.MaxItems may be expressions.
      if (s.item_reader->jsonata_arguments.present()) {
        auto evaluated = evaluate_jsonata(s.item_reader->jsonata_arguments, "ItemReader/Arguments", *js);
        if (!evaluated) co_return runtime_failure(evaluated.error());
        parameters = std::move(evaluated).value();
      }
      if (s.item_reader->jsonata_max_items.present()) {
        auto n = evaluate_jsonata(s.item_reader->jsonata_max_items, "ItemReader/ReaderConfig/MaxItems", *js);
        if (!n) co_return runtime_failure(n.error());
        if (!n->is_integer()) {
          co_return runtime_failure(
              unexpected_result_type(*s.item_reader->jsonata_max_items.compiled, "ItemReader/ReaderConfig/MaxItems",
                                     "integer", *n));
        }
        reader_config.mutable_object().set("MaxItems", *n);
      }
    } else if (!s.item_reader->parameters.is_null()) {
      auto evaluated = evaluate_raw_template(s.item_reader->parameters, "Parameters", *effective, env.scope);
      if (!evaluated) co_return runtime_failure(evaluated.error());
      parameters = std::move(evaluated).value();
    }
    auto max_items = reader_max_items(reader_config, *effective, env.scope);
    if (max_items) {
      ReaderRequest request{&*s.item_reader, std::move(parameters), *max_items, ex.start.seconds};
      auto opened = open_item_reader(request, ObjectStore(ex.the_case.objects, ex.written_objects));
      if (opened) source = std::move(opened).value();
      else reader_error = std::move(opened).error();
    } else {
      reader_error = std::move(max_items).error();
    }
    if (reader_error && reader_error->name == kReaderUnsupported) {
      if (!ex.case_error) ex.case_error = "Map state '" + s.name + "': " + reader_error->message;
      co_return Attempt{false, true, Value(), {}};
    }
  } else if (js != nullptr) {
    // Items (an array, or an expression that gives one), or else the state's input [recorded].
    Value items = raw;
    if (s.items.present()) {
      auto evaluated = evaluate_jsonata(s.items, "Items", *js);
      if (!evaluated) co_return runtime_failure(evaluated.error());
      items = std::move(evaluated).value();
      if (!items.is_array()) {
        co_return runtime_failure(s.items.compiled != nullptr
                                      ? unexpected_result_type(*s.items.compiled, "Items", "array", items)
                                      : query_evaluation_error("Items must be an array", "Items"));
      }
    } else if (!items.is_array()) {
      co_return runtime_failure(query_evaluation_error("Map state input must be an array but was: " + json::write(items)));
    }
    source = array_source(std::move(items));
  } else {
    Value items = *effective;
    if (s.items_path) {
      auto selected = jsonpath::evaluate(*s.items_path, env.scope.with_input(*effective));
      if (!selected) {
        co_return runtime_failure(runtime("Invalid path '" + s.items_path->text() + "' : " + selected.error().message));
      }
      items = std::move(selected).value();
    }
    if (!items.is_array()) co_return runtime_failure(runtime("Map state input must be an array but was: " + json::write(items)));
    source = array_source(std::move(items));
  }

  auto max_concurrency = map_number(s.max_concurrency, "MaxConcurrencyPath", true, *effective, env.scope, js);
  if (!max_concurrency) co_return runtime_failure(max_concurrency.error());
  const std::size_t length = source ? source->count() : 0;
  std::int64_t started = ex.add_event(frame, "MapStateStarted", "mapStateStartedEventDetails",
                                      Value(Object{{"length", Value(static_cast<std::int64_t>(length))}}));
  // The tolerated-failure fields are read after MapStateStarted (recorded event order).
  auto tolerated_count =
      map_number(s.tolerated_failure_count, "ToleratedFailureCountPath", true, *effective, env.scope, js);
  if (!tolerated_count) co_return runtime_failure(tolerated_count.error());
  if (*tolerated_count && **tolerated_count < 0) co_return runtime_failure(runtime("ToleratedFailureCount cannot be negative."));
  auto tolerated_percentage =
      map_number(s.tolerated_failure_percentage, "ToleratedFailurePercentagePath", false, *effective, env.scope, js);
  if (!tolerated_percentage) co_return runtime_failure(tolerated_percentage.error());
  if (*tolerated_percentage && (**tolerated_percentage < 0 || **tolerated_percentage > 100)) {
    co_return runtime_failure(runtime("ToleratedFailurePercentage must be between 0 and 100."));
  }

  MapRunIdentity identity;
  if (s.distributed) {
    identity = map_run_identity(ex, s);
    started = ex.add_event(frame, "MapRunStarted", "mapRunStartedEventDetails",
                           Value(Object{{"mapRunArn", Value(identity.map_run_arn)}}));
  }
  // A failure of the Map Run itself (its reader, batcher or writer): MapRunFailed, then the
  // error. States.Runtime causes get the state's prefix; the reader's and writer's errors are
  // AWS's bare causes. UNCONFIRMED: the MapRunFailed details.
  auto map_run_failed = [&](const Error& e) {
    if (s.distributed) {
      ex.add_event(frame, "MapRunFailed", "mapRunFailedEventDetails",
                   Value(Object{{"error", Value(e.name)}, {"cause", Value(e.message)}}));
    }
    Failure f = e.name == kStatesRuntime ? state_failure(e, s, entered_id) : Failure{e.name, e.message, false};
    return Attempt{false, false, Value(), std::move(f)};
  };
  if (reader_error) co_return map_run_failed(*reader_error);
  std::optional<BatchLimits> batching;
  if (s.item_batcher) {
    ItemBatcher batcher = *s.item_batcher;
    if (js != nullptr) {
      // JSONata: the limits may be expressions; they are resolved to literals here.
      for (auto [field, name] : {std::pair{&batcher.max_items_per_batch, "ItemBatcher/MaxItemsPerBatch"},
                                 std::pair{&batcher.max_input_bytes_per_batch, "ItemBatcher/MaxInputBytesPerBatch"}}) {
        auto n = jsonata_number(*field, name, true, *js);
        if (!n) co_return runtime_failure(n.error());
        field->jsonata = nullptr;
        field->literal = *n ? std::optional<Value>(Value::number(**n)) : std::nullopt;
      }
    }
    auto limits = resolve_item_batcher(batcher, *effective, env.scope);
    if (!limits) co_return map_run_failed(limits.error());
    batching = std::move(limits).value();
    if (js != nullptr && batcher.jsonata_batch_input.present()) {
      auto input = evaluate_jsonata(batcher.jsonata_batch_input, "ItemBatcher/BatchInput", *js);
      if (!input) co_return runtime_failure(input.error());
      batching->batch_input = std::move(input).value();
    }
  }
  std::optional<WriterSettings> writer;
  if (s.result_writer) {
    ResultWriter result_writer = *s.result_writer;
    if (js != nullptr) {
      result_writer.parameters = Value();
      if (result_writer.jsonata_arguments.present()) {
        auto arguments = evaluate_jsonata(result_writer.jsonata_arguments, "ResultWriter/Arguments", *js);
        if (!arguments) co_return runtime_failure(arguments.error());
        result_writer.parameters = std::move(arguments).value();
      }
    }
    auto settings = resolve_result_writer(result_writer, *effective, env.scope);
    if (!settings) co_return map_run_failed(settings.error());
    writer = std::move(settings).value();
  }

  // Child inputs: ItemSelector sees the effective input as `$` and the item as $$.Map.Item.
  auto select = [&](std::size_t index, const Value& item) -> Expected<Value> {
    if (js != nullptr ? !s.jsonata_item_selector.present() : !s.item_selector) return item;
    Value position(static_cast<std::int64_t>(index));
    Value context = ex.context_object(s, ex.now(), retry_count, &position, &item, nullptr);
    StateScope scope{&context, frame.variables, &ex.entropy};
    if (js != nullptr) {
      return evaluate_jsonata(s.jsonata_item_selector, "ItemSelector", JsonataScope::of(ex, scope, raw));
    }
    return apply_template(*s.item_selector, *effective, scope);
  };
  ChildInputs inputs(std::move(source), select, batching);
  // Without a reader or batcher every input is built up front, so an ItemSelector failure comes
  // before any child starts; a reader streams its items, so a million of them are never all held.
  const bool streamed = s.item_reader || s.item_batcher;
  std::vector<Value> eager;
  if (!streamed) {
    eager.reserve(length);
    for (;;) {
      auto input = inputs.next();
      if (!input) co_return runtime_failure(input.error());
      if (!input->has_value()) break;
      eager.push_back(std::move(**input));
    }
  }

  std::size_t limit = s.distributed ? kDistributedConcurrency : 40;  // inline Map runs at most 40 iterations at once
  if (*max_concurrency && **max_concurrency > 0) limit = std::min(limit, static_cast<std::size_t>(**max_concurrency));
  // No more workers than children: the item count bounds them (batches only make fewer).
  limit = streamed ? std::min(limit, std::max<std::size_t>(length, 1)) : std::min(limit, eager.size());

  CancelGroup group(frame.cancel);
  std::optional<Failure> first_failure;
  std::optional<Error> input_error;
  std::size_t next = 0;
  std::size_t failures = 0;  // in items: a failed batch fails each of its items (UNCONFIRMED)
  std::size_t total = 0;
  MapResults results(writer, identity);
  std::map<std::size_t, FinishedChild> finished;
  std::size_t next_to_record = 0;
  // Children are recorded in index order, whatever order they finish in.
  auto record_ready = [&] {
    for (auto it = finished.find(next_to_record); it != finished.end(); it = finished.find(++next_to_record)) {
      FinishedChild& c = it->second;
      results.add(ChildRecord{next_to_record, &c.input, c.outcome.ok, &c.outcome.output, &c.outcome.failure.error,
                              &c.outcome.failure.cause, c.start, c.stop});
      finished.erase(it);
    }
  };
  const bool stop_on_failure = !s.distributed;
  auto worker = [&]() -> Task<bool> {
    while (!group.cancelled() && !input_error && !ex.case_error) {
      Value input;
      if (streamed) {
        auto pulled = inputs.next();
        if (!pulled) {
          input_error = std::move(pulled).error();
          break;
        }
        if (!pulled->has_value()) break;
        input = std::move(**pulled);
      } else {
        if (next >= eager.size()) break;
        input = std::move(eager[next]);
      }
      std::size_t i = next++;
      VariableScope scope(frame.variables);
      Frame child{s.processor.get(), &scope, frame.scope_key + "/" + s.name + "#" + std::to_string(i), started,
                  frame.record_history && !s.distributed, &group};
      std::int64_t child_events = 1;  // a child execution's own ExecutionStarted is event 1
      if (s.distributed) {
        child.own_event_counter = &child_events;
        child.previous_event_id = 0;
      } else {
        child.own_event_counter = frame.own_event_counter;  // inside a distributed child: its numbering
      }
      Value iteration_details(Object{{"name", Value(s.name)}, {"index", Value(static_cast<std::int64_t>(i))}});
      if (!s.distributed) ex.add_event(child, "MapIterationStarted", "mapIterationStartedEventDetails", iteration_details);
      Instant start = ex.now();
      MachineOutcome out = co_await run_child(ex, child, input, group, first_failure, stop_on_failure);
      if (!s.distributed) {
        std::string_view type = out.ok ? "MapIterationSucceeded" : out.aborted ? "MapIterationAborted" : "MapIterationFailed";
        std::string key = out.ok ? "mapIterationSucceededEventDetails"
                          : out.aborted ? "mapIterationAbortedEventDetails" : "mapIterationFailedEventDetails";
        ex.add_event(child, type, key, iteration_details);
      }
      const Value* batch_items = batching ? input.get("Items") : nullptr;
      std::size_t items = batch_items != nullptr ? batch_items->size() : 1;
      total += items;
      if (!out.ok && !out.aborted) failures += items;
      finished.emplace(i, FinishedChild{std::move(input), std::move(out), start, ex.now()});
      record_ready();
    }
    co_return true;
  };
  std::vector<Task<bool>> workers;
  for (std::size_t w = 0; w < limit; ++w) workers.push_back(worker());
  co_await JoinAll<bool>(ex.scheduler, std::move(workers));
  if (ex.case_error || frame.cancelled()) co_return Attempt{false, true, Value(), {}};
  if (input_error) co_return map_run_failed(*input_error);

  if (s.distributed) {
    // Each threshold given applies on its own; with neither, any failure fails the Map Run.
    bool breached = false;
    if (failures > 0) {
      bool any_given = *tolerated_count || *tolerated_percentage;
      if (!any_given) breached = true;
      if (*tolerated_count && static_cast<double>(failures) > **tolerated_count) breached = true;
      if (*tolerated_percentage && static_cast<double>(failures) * 100.0 / static_cast<double>(total) > **tolerated_percentage) {
        breached = true;
      }
    }
    if (breached) {
      // The results are exported all the same, FAILED_0 included. UNCONFIRMED.
      if (writer && writer->export_to_s3) results.finish(ex.written_objects);
      ex.add_event(frame, "MapRunFailed", "mapRunFailedEventDetails", Value(Object{}));
      co_return Attempt{false, false, Value(),
                        Failure{std::string("States.ExceedToleratedFailureThreshold"),
                                std::string("The specified tolerated failure threshold was exceeded"), false}};
    }
    ex.add_event(frame, "MapRunSucceeded");
  } else if (first_failure) {
    co_return Attempt{false, false, Value(), *first_failure};
  }
  Value result = results.finish(ex.written_objects);
  ex.add_event(frame, "MapStateSucceeded");
  co_return Attempt{true, false, std::move(result), {}};
}

}  // namespace

Task<StateOutcome> run_parallel_state(Execution& ex, Frame& frame, const State& s, const Value& raw,
                                      std::int64_t entered_id) {
  co_return co_await run_with_retry_and_catch(
      ex, frame, s, raw, entered_id, "ParallelStateFailed",
      [&ex, &frame, &s, &raw, entered_id](std::int64_t retry_count) {
        return parallel_attempt(ex, frame, s, raw, entered_id, retry_count);
      });
}

Task<StateOutcome> run_map_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  co_return co_await run_with_retry_and_catch(
      ex, frame, s, raw, entered_id, "MapStateFailed",
      [&ex, &frame, &s, &raw, entered_id](std::int64_t retry_count) {
        return map_attempt(ex, frame, s, raw, entered_id, retry_count);
      });
}

}  // namespace asl::exec
