// functions_aws.cpp — the functions AWS Step Functions adds to JSONata: $partition, $range, $hash, $random, $uuid, $parse.
#include <openssl/evp.h>

#include <cmath>
#include <cstdio>

#include "asl/json.h"
#include "jsonata/functions.h"

namespace asl::jsonata::detail {

namespace {

// AWS floors integer arguments (asl-facts.md section 6).
double floored(const Val& v) { return std::floor(v.num()); }

Val fn_partition(Ctx&, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return Val();
  double size = floored(arg(a, 1));
  if (!(size >= 1)) throw Failure("T0410").with_value(arg(a, 1)).with_index(2);
  auto result = std::make_shared<Arr>();
  auto chunk_size = static_cast<std::size_t>(size);
  for (std::size_t i = 0; i < arr.size(); i += chunk_size) {
    auto chunk = std::make_shared<Arr>();
    for (std::size_t k = i; k < std::min(arr.size(), i + chunk_size); ++k) chunk->items.push_back(arr.at(k));
    result->items.push_back(Val(chunk));
  }
  return Val(result);
}

Val fn_range(Ctx&, std::vector<Val>& a) {
  if (arg(a, 0).undefined() || arg(a, 1).undefined()) return Val();
  double start = floored(arg(a, 0));
  double end = floored(arg(a, 1));
  double step = arg(a, 2).is_number() ? floored(arg(a, 2)) : 1;
  if (step == 0 || !std::isfinite(start) || !std::isfinite(end))
    throw Failure("T0410").with_value(arg(a, 2)).with_index(3);
  double count = std::floor((end - start) / step) + 1;
  if (count > 1e7) throw Failure("D2014").with_value(num(count));
  // A sequence: AWS unwraps a one-item result ($range(1, 9, 9) is 1).
  auto result = make_sequence();
  for (double x = start; step > 0 ? x <= end : x >= end; x += step) result->items.push_back(num(x));
  return Val(result);
}

Val fn_hash(Ctx&, std::vector<Val>& a) {
  const Val& text = arg(a, 0);
  if (text.undefined()) return Val();
  std::string algorithm = arg(a, 1).is_string() ? arg(a, 1).str() : "SHA-256";
  const EVP_MD* md = algorithm == "MD5"       ? EVP_md5()
                     : algorithm == "SHA-1"   ? EVP_sha1()
                     : algorithm == "SHA-256" ? EVP_sha256()
                     : algorithm == "SHA-384" ? EVP_sha384()
                     : algorithm == "SHA-512" ? EVP_sha512()
                                              : nullptr;
  if (!md) throw Failure("T0410").with_value(arg(a, 1)).with_index(2);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.str().data(), text.str().size(), digest, &length, md, nullptr);
  std::string hex;
  char buf[3];
  for (unsigned i = 0; i < length; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return Val::string(hex);
}

Val fn_random(Ctx& ctx, std::vector<Val>& a) {
  if (arg(a, 0).is_number()) {
    Entropy seeded(static_cast<std::uint64_t>(saturate<std::int64_t>(floored(arg(a, 0)))));
    return num(seeded.next_double());
  }
  return num(ctx.entropy().next_double());
}

Val fn_uuid(Ctx& ctx, std::vector<Val>&) { return Val::string(ctx.entropy().uuid_v4()); }

Val fn_parse(Ctx&, std::vector<Val>& a) {
  const Val& text = arg(a, 0);
  if (text.undefined()) return Val();
  auto parsed = json::read(text.str());
  if (!parsed) {
    Failure f("D3140");
    f.value = text;
    f.function_name = "parse";
    throw f;
  }
  return Val(*parsed);
}

}  // namespace

void register_aws_functions(Registrar& r) {
  r.push_back({"partition", "<an:a>", 2, fn_partition, nullptr, nullptr});
  r.push_back({"range", "<nnn?:a>", 3, fn_range, nullptr, nullptr});
  r.push_back({"hash", "<s-s?:s>", 2, fn_hash, nullptr, nullptr});
  r.push_back({"random", "<n?:n>", 1, fn_random, nullptr, nullptr});
  r.push_back({"uuid", "<:s>", 0, fn_uuid, nullptr, nullptr});
  r.push_back({"parse", "<s-:j>", 1, fn_parse, nullptr, nullptr});
}

}  // namespace asl::jsonata::detail
