// distributed_map_test.cpp — what the dmap-*.case.json files cannot say: member order, streaming order, objects across Maps, refusals.
#include "asl/exec.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

Case make_case(std::string_view definition, std::string_view input, std::map<std::string, Value> objects) {
  Case c;
  c.id = "dmap";
  c.definition = parse(definition);
  c.input = parse(input);
  c.objects = std::move(objects);
  c.context = Value(Object{});
  return c;
}

// A distributed Map over one reader, each child a Pass (or `processor` when given).
std::string reader_map(std::string_view reader, std::string_view extra = "",
                       std::string_view processor = R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})") {
  std::string p(processor);
  p.insert(1, R"("ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},)");
  return R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":)" + std::string(reader) + std::string(extra) +
         R"(,"ItemProcessor":)" + p + R"(,"End":true}}})";
}

// AWS builds a CSV item as a java.util.HashMap: the ItemReader documentation's two examples
// list their members in that map's order, not in the header's. JSON equality ignores member
// order, so the case files cannot check this: the text can.
TEST(DistributedMap, CsvItemsListTheirMembersInAwsOrder) {
  Case csv = make_case(reader_map(R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV",
      "CSVHeaderLocation":"FIRST_ROW"},"Parameters":{"Bucket":"b","Key":"ratings.csv"}})"),
                       "{}", {{"s3://b/ratings.csv", Value("userId,movieId,rating,timestamp\n1,307,3.5,1256677221\n")}});
  Result r = execute(csv);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("") << r.message;
  EXPECT_EQ(R"([{"rating":"3.5","movieId":"307","userId":"1","timestamp":"1256677221"}])", json::write(*r.output));

  Case inventory = make_case(
      reader_map(R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"MANIFEST"},
          "Parameters":{"Bucket":"inv","Key":"m.json"}})"),
      "{}",
      {{"s3://inv/m.json", parse(R"({"destinationBucket":"arn:aws:s3:::inv","fileFormat":"CSV",
            "fileSchema":"Bucket, Key, Size, LastModifiedDate","files":[{"key":"d/1.csv.gz"}]})")},
       {"s3://inv/d/1.csv.gz", Value("\"src\",\"csvDataset/titles.csv\",\"3399671\",\"2022-11-16T00:29:32.000Z\"\n")}});
  r = execute(inventory);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("") << r.message;
  EXPECT_EQ(R"([{"LastModifiedDate":"2022-11-16T00:29:32.000Z","Bucket":"src","Size":"3399671","Key":"csvDataset/titles.csv"}])",
            json::write(*r.output));
}

// Children that finish out of order (later items wait less) are still written in item order,
// and each entry's dates are its child's own on the virtual clock.
TEST(DistributedMap, ResultsAreWrittenInItemOrderWithEachChildsDates) {
  std::string lines;
  const int n = 300;
  for (int i = 0; i < n; ++i) lines += R"({"i":)" + std::to_string(i) + R"(,"w":)" + std::to_string(n - i) + "}\n";
  Case c = make_case(
      reader_map(R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
                     "Parameters":{"Bucket":"in","Key":"l.jsonl"}})",
                 R"(,"MaxConcurrency":7,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject",
                     "Parameters":{"Bucket":"out","Prefix":"p"},"WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}})",
                 R"({"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.w","Next":"P"},
                     "P":{"Type":"Pass","Parameters":{"i.$":"$.i"},"End":true}}})"),
      "{}", {{"s3://in/l.jsonl", Value(lines)}});
  Result r = execute(c);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("") << r.message;
  const Value* details = r.output->get("ResultWriterDetails");
  ASSERT_NE(nullptr, details);
  std::string manifest_key = details->get("Key")->as_string();
  std::string folder = manifest_key.substr(0, manifest_key.size() - std::string("manifest.json").size());
  auto written = r.written_objects.find("s3://out/" + folder + "SUCCEEDED_0.jsonl");
  ASSERT_NE(r.written_objects.end(), written) << json::write(to_json(r)).substr(0, 500);
  std::string expected;
  for (int i = 0; i < n; ++i) expected += R"({"i":)" + std::to_string(i) + "}\n";
  EXPECT_EQ(expected, written->second.as_string());
  EXPECT_EQ(1u, r.written_objects.count("s3://out/" + manifest_key));

  // The same run under NONE shows the dates: item 0 waits n seconds from the start.
  Case none = c;
  Value definition = none.definition;
  Object& writer = definition.mutable_object().find_mutable("States")->mutable_object().find_mutable("M")
                       ->mutable_object().find_mutable("ResultWriter")->mutable_object();
  writer.erase("WriterConfig");
  none.definition = definition;
  r = execute(none);
  ASSERT_EQ(Status::succeeded, r.status);
  for (const auto& [uri, content] : r.written_objects) {
    if (!uri.ends_with("SUCCEEDED_0.json")) continue;
    ASSERT_EQ(static_cast<std::size_t>(n), content.size());
    const Value& first = content.as_array()[0];
    EXPECT_EQ("2026-01-01T00:00:00.000Z", first.get("StartDate")->as_string());
    EXPECT_EQ("2026-01-01T00:05:00.000Z", first.get("StopDate")->as_string());  // waited 300 s
    EXPECT_EQ(R"({"i":0,"w":300})", first.get("Input")->as_string());
    EXPECT_EQ(R"({"i":0})", first.get("Output")->as_string());
  }
}

// A second Map sees what the first one wrote: a run's objects are its ResultWriters' output
// over the case's objects.
TEST(DistributedMap, LaterReadersSeeObjectsWrittenEarlierInTheRun) {
  Case c = make_case(R"({"StartAt":"Write","States":{
      "Write":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.written",
        "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"a"}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
          "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"Next":"List"},
      "List":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"out"}},
        "ItemSelector":{"key.$":"$$.Map.Item.Value.Key"},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
          "StartAt":"P2","States":{"P2":{"Type":"Pass","End":true}}},"End":true}}})",
                     R"({"items":[1,2]})", {{"s3://out/a/old.txt", Value("x")}});
  Result r = execute(c);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("") << r.message;
  ASSERT_EQ(3u, r.output->size()) << json::write(*r.output);
  std::string manifest = r.output->as_array()[1].get("key")->as_string();
  EXPECT_TRUE(manifest.ends_with("/manifest.json")) << manifest;
  EXPECT_EQ("a/old.txt", r.output->as_array()[2].get("key")->as_string());
  EXPECT_EQ(2u, r.written_objects.size());
}

// What a case cannot express or the oracle does not model ends as TARGET_ERROR, never a guess.
TEST(DistributedMap, UnmodelledReadersAreTargetErrors) {
  struct Row {
    std::string reader;
    Value content;
    std::string message_part;
  };
  std::vector<Row> rows = {
      {R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"PARQUET"},
           "Parameters":{"Bucket":"b","Key":"k"}})",
       Value("PAR1 is not base64"), "base64"},
      {R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},
           "Parameters":{"Bucket":"b","Key":"k"}})",
       parse("[1,2]"), "must be a string"},
      {R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
           "Parameters":{"Bucket":"b","Key":"k"}})",
       parse(R"({"a":1})"), "JSONL"},
  };
  for (const Row& row : rows) {
    Result r = execute(make_case(reader_map(row.reader), "{}", {{"s3://b/k", row.content}}));
    EXPECT_EQ(Status::target_error, r.status) << row.reader;
    EXPECT_NE(std::string::npos, r.message.find("Map state 'M'")) << r.message;
    EXPECT_NE(std::string::npos, r.message.find(row.message_part)) << r.message;
  }
}

// The Result's "objects" survive its JSON form, so targets and reports see what a Map wrote.
TEST(DistributedMap, WrittenObjectsRoundTripThroughTheResultJson) {
  Result r;
  r.status = Status::succeeded;
  r.output = parse(R"({"MapRunArn":"arn"})");
  r.written_objects["s3://b/p/manifest.json"] = parse(R"({"DestinationBucket":"b"})");
  r.written_objects["s3://b/p/SUCCEEDED_0.jsonl"] = Value("1\n2\n");
  Value json = to_json(r);
  ASSERT_NE(nullptr, json.get("objects"));
  auto back = read_result(json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(r.written_objects.size(), back->written_objects.size());
  EXPECT_TRUE(json_equal(r.written_objects["s3://b/p/manifest.json"], back->written_objects["s3://b/p/manifest.json"]));
  EXPECT_EQ("1\n2\n", back->written_objects["s3://b/p/SUCCEEDED_0.jsonl"].as_string());
  EXPECT_FALSE(read_result(parse(R"({"status":"SUCCEEDED","objects":[1]})")).ok());
}

// A reader with more items than the distributed Map's 10,000 concurrent children, and a
// tolerated failure count: every item runs, failures are counted per item.
TEST(DistributedMap, ManyItemsWithToleratedFailures) {
  std::string lines;
  const int n = 25000;
  for (int i = 0; i < n; ++i) lines += std::to_string(i) + "\n";
  Case c = make_case(
      reader_map(R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
                     "Parameters":{"Bucket":"in","Key":"n.jsonl"}})",
                 R"(,"ToleratedFailureCount":3,"ItemSelector":{"n.$":"$$.Map.Item.Value"},
                    "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"p"},
                      "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}})",
                 R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,
                     "Next":"F"}],"Default":"P"},"F":{"Type":"Fail","Error":"Low"},"P":{"Type":"Pass","End":true}}})"),
      "{}", {{"s3://in/n.jsonl", Value(lines)}});
  Result r = execute(c);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("") << r.message;
  std::size_t succeeded_lines = 0, failed_lines = 0;
  for (const auto& [uri, content] : r.written_objects) {
    if (!content.is_string()) continue;
    std::size_t lines_in = static_cast<std::size_t>(std::count(content.as_string().begin(), content.as_string().end(), '\n'));
    if (uri.ends_with("SUCCEEDED_0.jsonl")) succeeded_lines = lines_in;
    if (uri.ends_with("FAILED_0.jsonl")) failed_lines = lines_in;
  }
  EXPECT_EQ(static_cast<std::size_t>(n - 3), succeeded_lines);
  EXPECT_EQ(3u, failed_lines);

  // One more failure than tolerated fails the Map Run.
  Case worse = c;
  worse.objects["s3://in/n.jsonl"] = Value("0\n1\n2\n0\n5\n");
  r = execute(worse);
  EXPECT_EQ(Status::failed, r.status);
  EXPECT_EQ("States.ExceedToleratedFailureThreshold", r.error.value_or(""));
}

}  // namespace
}  // namespace asl::test
