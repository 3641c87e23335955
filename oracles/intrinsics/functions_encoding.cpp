// functions_encoding.cpp — States.Base64Encode, States.Base64Decode and States.Hash (OpenSSL EVP digests).
#include <openssl/evp.h>

#include <array>
#include <string>

#include "intrinsics/call_node.h"

namespace asl::intrinsics::detail {

namespace {

// AWS's documented input limit for Base64Encode, Base64Decode and Hash.
constexpr std::size_t kMaxInputCharacters = 10000;

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Characters as Java's String.length() counts them (UTF-16 code units), since AWS's service is
// written in Java; whether its limit counts code points instead is UNCONFIRMED.
std::size_t java_length(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

std::optional<Error> check_length(const CallNode& node, const std::string& text) {
  const std::size_t n = java_length(text);
  if (n <= kMaxInputCharacters) return std::nullopt;
  return function_error(node, "the input has " + std::to_string(n) + " characters, more than the limit of " +
                                  std::to_string(kMaxInputCharacters));
}

int alphabet_index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decoded bytes to text as Java's new String(bytes, UTF_8) does, since AWS decodes on the JVM:
// ill-formed input becomes U+FFFD, one per byte that cannot start or continue a sequence, one
// for an encoded surrogate (ED A0..BF xx), and a sequence cut short by the end of the input
// gives a single U+FFFD. Checked byte for byte against OpenJDK 17 on random inputs.
std::string utf8_with_replacement(const std::string& bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(bytes.size());
  const std::size_t n = bytes.size();
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b1 = at(i);
    if (b1 < 0x80) {
      out.push_back(static_cast<char>(b1));
      ++i;
    } else if (b1 >= 0xC2 && b1 <= 0xDF) {
      if (i + 1 < n && continuation(at(i + 1))) {
        out.append(bytes, i, 2);
        i += 2;
      } else {
        out += kReplacement;
        i += 1;
      }
    } else if (b1 >= 0xE0 && b1 <= 0xEF) {
      // The second byte is wrong for this lead: E0 needs A0..BF (no overlong forms).
      auto bad_second = [&](unsigned char b2) { return (b1 == 0xE0 && b2 < 0xA0) || !continuation(b2); };
      if (i + 2 < n) {
        const unsigned char b2 = at(i + 1), b3 = at(i + 2);
        if (bad_second(b2)) {
          out += kReplacement;
          i += 1;
        } else if (!continuation(b3)) {
          out += kReplacement;
          i += 2;
        } else {
          if (b1 == 0xED && b2 >= 0xA0) out += kReplacement;  // a surrogate code point
          else out.append(bytes, i, 3);
          i += 3;
        }
      } else {
        out += kReplacement;
        if (i + 1 < n && bad_second(at(i + 1))) {
          i += 1;
          continue;
        }
        break;  // a truncated sequence at the end: one replacement for all of it
      }
    } else if (b1 >= 0xF0 && b1 <= 0xF7) {
      // F0 needs 90..BF next, F4 needs 80..8F, F5..F7 never start a sequence.
      auto bad_second = [&](unsigned char b2) {
        return b1 > 0xF4 || (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && (b2 & 0xF0) != 0x80) ||
               !continuation(b2);
      };
      if (i + 3 < n) {
        const unsigned char b2 = at(i + 1), b3 = at(i + 2), b4 = at(i + 3);
        if (bad_second(b2)) {
          out += kReplacement;
          i += 1;
        } else if (!continuation(b3)) {
          out += kReplacement;
          i += 2;
        } else if (!continuation(b4)) {
          out += kReplacement;
          i += 3;
        } else {
          out.append(bytes, i, 4);
          i += 4;
        }
      } else {
        out += kReplacement;
        if (b1 > 0xF4 || (i + 1 < n && bad_second(at(i + 1)))) {
          i += 1;
          continue;
        }
        if (i + 2 < n && !continuation(at(i + 2))) {
          i += 2;
          continue;
        }
        break;
      }
    } else {
      out += kReplacement;  // 80..BF, C0, C1, F8..FF
      i += 1;
    }
  }
  return out;
}

}  // namespace

// States.Base64Encode(text): standard alphabet with padding, over the UTF-8 bytes.
Expected<Value> eval_base64_encode(const CallNode& node, std::span<const Value> args, const Scope&) {
  const std::string& in = args[0].as_string();
  if (auto e = check_length(node, in)) return *e;
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                            static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return Value(std::move(out));
}

// States.Base64Decode(text): decodes as Java's Base64.getDecoder() does (AWS runs on Java):
// standard alphabet only, no whitespace, padding optional but checked when present.
Expected<Value> eval_base64_decode(const CallNode& node, std::span<const Value> args, const Scope&) {
  const std::string& in = args[0].as_string();
  if (auto e = check_length(node, in)) return *e;
  auto invalid = [&](std::string why) { return function_error(node, "the input is not valid Base64: " + why); };
  std::string bytes;
  bytes.reserve(in.size() / 4 * 3 + 2);
  std::uint32_t bits = 0;
  int have = 0;  // sextets in `bits`
  std::size_t i = 0;
  for (; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '=') break;
    const int v = alphabet_index(c);
    if (v < 0) {
      return invalid("illegal character at index " + std::to_string(i));
    }
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    if (++have == 4) {
      bytes.push_back(static_cast<char>((bits >> 16) & 0xFF));
      bytes.push_back(static_cast<char>((bits >> 8) & 0xFF));
      bytes.push_back(static_cast<char>(bits & 0xFF));
      bits = 0;
      have = 0;
    }
  }
  if (have == 1) return invalid("the last unit does not have enough valid bits");
  if (i < in.size()) {
    // Padding: "==" after two sextets, "=" after three, and nothing after it.
    const std::size_t pad = have == 2 ? 2 : have == 3 ? 1 : 0;
    if (pad == 0 || in.compare(i, std::string::npos, std::string(pad, '=')) != 0) {
      return invalid("incorrect padding at index " + std::to_string(i));
    }
  }
  if (have == 2) bytes.push_back(static_cast<char>((bits >> 4) & 0xFF));
  if (have == 3) {
    bytes.push_back(static_cast<char>((bits >> 10) & 0xFF));
    bytes.push_back(static_cast<char>((bits >> 2) & 0xFF));
  }
  return Value(utf8_with_replacement(bytes));
}

// States.Hash(text, algorithm): lowercase hex digest of the UTF-8 bytes. SHA-1 of "input data" is
// aaff4a450a104cd177d28d18d74485e8cae074b7 [LS].
Expected<Value> eval_hash(const CallNode& node, std::span<const Value> args, const Scope&) {
  const std::string& in = args[0].as_string();
  if (auto e = check_length(node, in)) return *e;
  const std::string& algorithm = args[1].as_string();
  const EVP_MD* md = nullptr;
  if (algorithm == "MD5") md = EVP_md5();
  else if (algorithm == "SHA-1") md = EVP_sha1();
  else if (algorithm == "SHA-256") md = EVP_sha256();
  else if (algorithm == "SHA-384") md = EVP_sha384();
  else if (algorithm == "SHA-512") md = EVP_sha512();
  if (md == nullptr) {
    return function_error(node, "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384 and SHA-512, but it is '" +
                                    algorithm + "'");
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(in.data(), in.size(), digest.data(), &size, md, nullptr) != 1) {
    return function_error(node, "the digest could not be computed");
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int k = 0; k < size; ++k) {
    hex += kHex[digest[k] >> 4];
    hex += kHex[digest[k] & 15];
  }
  return Value(std::move(hex));
}

}  // namespace asl::intrinsics::detail
