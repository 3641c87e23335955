// parquet_reader_test.cpp — the PARQUET ItemReader on files written by two independent writers (tests/parquet-writer/write.mjs), directly, through an Athena manifest and LOAD_AND_FLATTEN, and on corrupted bytes.
#include <unistd.h>

#include <filesystem>

#include "asl/exec.h"
#include "asl/json.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

namespace fs = std::filesystem;

struct WrittenFile {
  std::string name;
  std::string writer;
  std::string base64;
  std::optional<Value> items;        // what the reader must give
  std::optional<std::string> phrase;  // or: what its TARGET_ERROR must name
};

// Runs the writer script once for the whole test program; a missing Node or npm install is an
// infrastructure failure, never a skip.
const std::vector<WrittenFile>& written_files() {
  static const std::vector<WrittenFile> files = [] {
    std::vector<WrittenFile> out;
    const std::string dir = source_path("tests/parquet-writer");
    if (!fs::exists(fs::path(dir) / "node_modules" / "@dsnp" / "parquetjs" / "package.json") ||
        !fs::exists(fs::path(dir) / "node_modules" / "hyparquet-writer" / "package.json")) {
      ADD_FAILURE() << dir << "/node_modules is missing: `make parquet-writer-deps` (part of `make test`) installs it";
      return out;
    }
    std::string scratch = (fs::temp_directory_path() / "aslcheck-parquet-XXXXXX").string();
    if (mkdtemp(scratch.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
      return out;
    }
    const std::string script = dir + "/write.mjs";
    CommandResult run = run_captured([] {}, [&] { execlp("node", "node", script.c_str(), scratch.c_str(), nullptr); });
    fs::remove_all(scratch);
    if (run.exit_code != 0) {
      ADD_FAILURE() << "write.mjs failed (exit " << run.exit_code << "): " << run.err;
      return out;
    }
    Value listing = parse(run.out);
    for (const Value& f : listing.get("files")->as_array()) {
      WrittenFile w{string_field(f, "name"), string_field(f, "writer"), string_field(f, "base64"), {}, {}};
      if (const Value* items = f.get("items")) w.items = *items;
      if (const Value* phrase = f.get("unsupported")) w.phrase = phrase->as_string();
      out.push_back(std::move(w));
    }
    return out;
  }();
  return files;
}

Case reader_case(std::string_view reader, std::map<std::string, Value> objects) {
  Case c;
  c.id = "parquet";
  c.definition = parse(R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":)" + std::string(reader) +
                       R"(,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                          "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})");
  c.input = parse("{}");
  c.objects = std::move(objects);
  c.context = Value(Object{});
  return c;
}

Case parquet_case(const WrittenFile& file) {
  return reader_case(R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"PARQUET"},
                         "Parameters":{"Bucket":"b","Key":")" + file.name + R"("}})",
                     {{"s3://b/" + file.name, Value(file.base64)}});
}

// Members in schema order: json_equal ignores member order, so the keys are compared apart.
std::vector<std::string> keys(const Value& object) {
  std::vector<std::string> out;
  for (const Member& m : object.as_object()) out.push_back(m.key);
  return out;
}

TEST(ParquetReader, EveryWrittenFileGivesItsRowsOrNamesWhatItDoesNotTake) {
  const auto& files = written_files();
  ASSERT_GE(files.size(), 10u);
  for (const WrittenFile& file : files) {
    Result r = execute(parquet_case(file));
    const std::string label = file.name + " (" + file.writer + ")";
    if (file.phrase) {
      EXPECT_EQ(Status::target_error, r.status) << label << ": " << json::write(to_json(r));
      EXPECT_NE(std::string::npos, r.message.find("Map state 'M'")) << label << ": " << r.message;
      EXPECT_NE(std::string::npos, r.message.find(*file.phrase)) << label << ": " << r.message;
      continue;
    }
    ASSERT_EQ(Status::succeeded, r.status) << label << ": " << r.message << r.cause.value_or("");
    EXPECT_TRUE(json_equal(*file.items, *r.output)) << label << "\nexpected " << json::write(*file.items)
                                                    << "\nactual   " << json::write(*r.output);
    ASSERT_EQ(file.items->size(), r.output->size()) << label;
    for (std::size_t i = 0; i < file.items->size(); ++i) {
      EXPECT_EQ(keys(file.items->as_array()[i]), keys(r.output->as_array()[i])) << label << " item " << i;
    }
  }
}

// The same files behind an Athena data manifest and under a LOAD_AND_FLATTEN listing: one Map
// Run over all their rows, file after file (manifest order; key order for the listing).
TEST(ParquetReader, AthenaManifestAndLoadAndFlattenReadEveryFileInOrder) {
  std::map<std::string, Value> objects;
  std::string manifest;
  Array expected;
  for (const WrittenFile& file : written_files()) {
    if (!file.items) continue;
    objects["s3://data/unload/" + file.name] = Value(file.base64);
    manifest += "s3://data/unload/" + file.name + "\n";
    for (const Value& item : file.items->as_array()) expected.push_back(item);
  }
  ASSERT_FALSE(expected.empty());
  objects["s3://results/q-manifest.csv"] = Value(manifest);
  Result athena = execute(reader_case(R"({"Resource":"arn:aws:states:::s3:getObject",
      "ReaderConfig":{"ManifestType":"ATHENA_DATA","InputType":"PARQUET"},
      "Parameters":{"Bucket":"results","Key":"q-manifest.csv"}})", objects));
  ASSERT_EQ(Status::succeeded, athena.status) << athena.message << athena.cause.value_or("");
  // The manifest lists the files in the writer's order, which is also the expected order.
  EXPECT_TRUE(json_equal(Value(expected), *athena.output));

  Result listing = execute(reader_case(R"({"Resource":"arn:aws:states:::s3:listObjectsV2",
      "ReaderConfig":{"InputType":"PARQUET","Transformation":"LOAD_AND_FLATTEN","MaxItems":1000},
      "Parameters":{"Bucket":"data","Prefix":"unload/"}})", objects));
  ASSERT_EQ(Status::succeeded, listing.status) << listing.message << listing.cause.value_or("");
  std::map<std::string, const WrittenFile*> by_key;
  for (const WrittenFile& file : written_files()) {
    if (file.items) by_key[file.name] = &file;
  }
  Array in_key_order;
  for (const auto& [name, file] : by_key) {
    for (const Value& item : file->items->as_array()) in_key_order.push_back(item);
  }
  EXPECT_TRUE(json_equal(Value(in_key_order), *listing.output));
}

// Truncated and overwritten bytes: every run ends as SUCCEEDED (a change the format does not
// notice, such as a value byte), States.ItemReaderFailed with a located cause, or TARGET_ERROR;
// never a crash, a hang or another error. (fuzz/parquet_reader.cpp explores this further.)
TEST(ParquetReader, DamagedFilesFailCleanly) {
  std::size_t runs = 0, failed = 0;
  for (const WrittenFile& file : written_files()) {
    if (!file.items) continue;
    Case original = parquet_case(file);
    // The file's bytes, via the same base64 the case holds.
    Result decoded_check = execute(original);
    ASSERT_EQ(Status::succeeded, decoded_check.status) << file.name;
    std::string bytes;
    {
      // A minimal base64 decoder here keeps the test independent of the reader's own.
      static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      std::uint32_t acc = 0;
      int bits = 0;
      for (char ch : file.base64) {
        auto at = kAlphabet.find(ch);
        if (at == std::string::npos) continue;
        acc = (acc << 6) | static_cast<std::uint32_t>(at);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
      }
    }
    auto encode = [](const std::string& raw) {
      static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      std::string out;
      for (std::size_t i = 0; i < raw.size(); i += 3) {
        std::uint32_t n = static_cast<std::uint8_t>(raw[i]) << 16;
        if (i + 1 < raw.size()) n |= static_cast<std::uint8_t>(raw[i + 1]) << 8;
        if (i + 2 < raw.size()) n |= static_cast<std::uint8_t>(raw[i + 2]);
        out.push_back(kAlphabet[(n >> 18) & 63]);
        out.push_back(kAlphabet[(n >> 12) & 63]);
        out.push_back(i + 1 < raw.size() ? kAlphabet[(n >> 6) & 63] : '=');
        out.push_back(i + 2 < raw.size() ? kAlphabet[n & 63] : '=');
      }
      return out;
    };
    std::vector<std::string> variants;
    for (std::size_t cut : {bytes.size() / 2, bytes.size() - 1, bytes.size() - 9, std::size_t{4}}) {
      variants.push_back(bytes.substr(0, cut));
    }
    const std::size_t step = std::max<std::size_t>(1, bytes.size() / 40);
    for (std::size_t at = 0; at < bytes.size(); at += step) {
      for (unsigned char value : {0x00, 0xFF, 0x15}) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(value);
        variants.push_back(std::move(damaged));
      }
    }
    for (const std::string& variant : variants) {
      Case c = original;
      c.objects.begin()->second = Value(encode(variant));
      Result r = execute(c);
      ++runs;
      if (r.status == Status::succeeded) continue;
      ++failed;
      if (r.status == Status::target_error) {
        EXPECT_NE(std::string::npos, r.message.find("Parquet")) << file.name << ": " << r.message;
        continue;
      }
      ASSERT_EQ(Status::failed, r.status) << file.name << ": " << json::write(to_json(r));
      EXPECT_EQ("States.ItemReaderFailed", r.error.value_or("")) << file.name << ": " << r.cause.value_or("");
      EXPECT_NE(std::string::npos, r.cause.value_or("").find("Parquet")) << r.cause.value_or("");
    }
  }
  EXPECT_GT(failed, runs / 4) << "damage should mostly be noticed: " << failed << " of " << runs;
}

}  // namespace
}  // namespace asl::test
