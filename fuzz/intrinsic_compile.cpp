// intrinsic_compile.cpp — libFuzzer target: any bytes compiled as an intrinsic call, and evaluated when they compile.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "asl/intrinsics.h"
#include "asl/json.h"

namespace {

class FixedVariables : public asl::Variables {
 public:
  explicit FixedVariables(const asl::Value* values) : values_(values) {}
  const asl::Value* find(std::string_view name) const override { return values_->get(name); }

 private:
  const asl::Value* values_;
};

// Parsed once per process and kept for its lifetime: the fixed documents paths search.
const asl::Value& document(const char* text) { return *new asl::Value(asl::json::read(text).value()); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const asl::Value& input = document(
      R"({"s":"a,b;c","n":3,"r":2.5,"neg":-7,"big":12345678901234567890,"b":true,"nil":null,)"
      R"("arr":[1,"x",null,[2,3],{"k":"v"},1],"obj":{"k":"v","m":[1,2],"o":{"p":1}},)"
      R"("json":"{\"a\":[1,2]}","b64":"SGVsbG8=","fmt":"{}-{}","empty":"","long":"abcdefghijklmnopqrstuvwxyz"})");
  static const asl::Value& context = document(
      R"({"Execution":{"Id":"arn:aws:states:us-east-1:123456789012:execution:sm:e1","Name":"e1","Input":{"a":1}},)"
      R"("StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:sm","Name":"sm"},)"
      R"("State":{"Name":"S","RetryCount":0}})");
  static const asl::Value& variable_values = document(R"({"v":[1,2,3],"w":{"x":"y"},"z":"text"})");
  static const FixedVariables variables(&variable_values);

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto call = asl::intrinsics::compile(text);
  if (!call) {
    // Every compile error is a located syntax error, never anything else.
    if (call.error().name != asl::errc::intrinsic_syntax || call.error().where.line == 0) std::abort();
    return 0;
  }
  if (call->text() != text || call->function().rfind("States.", 0) != 0) std::abort();
  asl::Entropy entropy(42);
  const asl::Scope scope{&input, &context, &variables, &entropy};
  auto result = asl::intrinsics::evaluate(*call, scope);
  if (!result) {
    if (result.error().name != asl::states_runtime || result.error().message.empty()) std::abort();
    return 0;
  }
  // Deterministic: the same seed gives the same value.
  asl::Entropy again(42);
  auto second = asl::intrinsics::evaluate(*call, asl::Scope{&input, &context, &variables, &again});
  if (!second || asl::json::write(*second) != asl::json::write(*result)) std::abort();
  return 0;
}
