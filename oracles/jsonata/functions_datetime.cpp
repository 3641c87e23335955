// functions_datetime.cpp — date/time and integer-picture built-ins ($now, $millis, $fromMillis, $toMillis, $formatInteger, $parseInteger) after jsonata-js's datetime.js (XPath F&O 3.1 pictures).
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "jsonata/functions.h"
#include "jsonata/regex.h"

namespace asl::jsonata::detail {

namespace {

// --- words, roman numerals, letters ---------------------------------------------------------------

const char* kFew[] = {"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
                      "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
const char* kOrdinals[] = {"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
                           "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth",
                           "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
const char* kDecades[] = {"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"};
const char* kMagnitudes[] = {"Thousand", "Million", "Billion", "Trillion"};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A picture's width modifier as a digit count. jsonata-js pads to any width it is given (and a
// width of hundreds of millions builds a string that size); widths are capped at 2^20 digits so
// an evaluation cannot exhaust memory (docs/aws-differences.md, JSONata).
constexpr double kMaxPictureWidth = 1 << 20;
int picture_width(double width) { return saturate<int>(std::min(width, kMaxPictureWidth)); }

std::string number_to_words(double value, bool ordinal);

std::string words_lookup(double num, bool prev, bool ord) {
  std::string words;
  if (num <= 19) {
    words = std::string(prev ? " and " : "") + (ord ? kOrdinals[static_cast<int>(num)] : kFew[static_cast<int>(num)]);
  } else if (num < 100) {
    int tens = static_cast<int>(std::floor(num / 10));
    double remainder = std::fmod(num, 10);
    words = std::string(prev ? " and " : "") + kDecades[tens - 2];
    if (remainder > 0) {
      words += "-" + words_lookup(remainder, false, ord);
    } else if (ord) {
      words = words.substr(0, words.size() - 1) + "ieth";
    }
  } else if (num < 1000) {
    int hundreds = static_cast<int>(std::floor(num / 100));
    double remainder = std::fmod(num, 100);
    words = std::string(prev ? ", " : "") + kFew[hundreds] + " Hundred";
    if (remainder > 0) words += words_lookup(remainder, true, ord);
    else if (ord) words += "th";
  } else {
    int mag = static_cast<int>(std::floor(std::log10(num) / 3));
    if (mag > 4) mag = 4;
    double factor = std::pow(10, mag * 3);
    double mant = std::floor(num / factor);
    double remainder = num - mant * factor;
    words = std::string(prev ? ", " : "") + words_lookup(mant, false, false) + " " + kMagnitudes[mag - 1];
    if (remainder > 0) words += words_lookup(remainder, true, ord);
    else if (ord) words += "th";
  }
  return words;
}

std::string number_to_words(double value, bool ordinal) { return words_lookup(value, false, ordinal); }

const std::vector<std::pair<std::string, double>>& word_values() {
  static const std::vector<std::pair<std::string, double>> values = [] {
    std::vector<std::pair<std::string, double>> v;
    auto set = [&](const std::string& k, double x) {
      for (auto& p : v)
        if (p.first == k) {
          p.second = x;
          return;
        }
      v.emplace_back(k, x);
    };
    for (int i = 0; i < 20; ++i) set(lower(kFew[i]), i);
    for (int i = 0; i < 20; ++i) set(lower(kOrdinals[i]), i);
    for (int i = 0; i < 9; ++i) {
      std::string w = lower(kDecades[i]);
      set(w, (i + 2) * 10);
      set(w.substr(0, w.size() - 1) + "ieth", (i + 2) * 10);
    }
    set("hundredth", 100);
    for (int i = 0; i < 4; ++i) {
      std::string w = lower(kMagnitudes[i]);
      double val = std::pow(10, (i + 1) * 3);
      set(w, val);
      set(w + "th", val);
    }
    return v;
  }();
  return values;
}

double words_to_number(const std::string& text) {
  // text.split(/,\s|\sand\s|[\s\\-]/)
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ',' && i + 1 < text.size() && std::isspace(static_cast<unsigned char>(text[i + 1]))) {
      parts.push_back(current);
      current.clear();
      i += 2;
    } else if (std::isspace(static_cast<unsigned char>(text[i])) && text.compare(i + 1, 3, "and") == 0 &&
               i + 4 < text.size() && std::isspace(static_cast<unsigned char>(text[i + 4]))) {
      parts.push_back(current);
      current.clear();
      i += 5;
    } else if (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == '\\' || text[i] == '-') {
      parts.push_back(current);
      current.clear();
      i += 1;
    } else {
      current += text[i++];
    }
  }
  parts.push_back(current);
  std::vector<double> segs{0};
  for (const auto& part : parts) {
    double value = std::nan("");
    for (const auto& [k, v] : word_values())
      if (k == part) value = v;
    if (value < 100) {
      double top = segs.back();
      segs.pop_back();
      if (top >= 1000) {
        segs.push_back(top);
        top = 0;
      }
      segs.push_back(top + value);
    } else {
      double top = segs.back();
      segs.pop_back();
      segs.push_back(top * value);
    }
  }
  double sum = 0;
  for (double s : segs) sum += s;
  return sum;
}

std::string decimal_to_roman(double value) {
  static const std::pair<int, const char*> numerals[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                         {90, "xc"},  {50, "l"},   {40, "xl"},  {10, "x"},   {9, "ix"},
                                                         {5, "v"},    {4, "iv"},   {1, "i"}};
  std::string out;
  while (true) {
    bool found = false;
    for (const auto& [n, s] : numerals) {
      if (value >= n) {
        out += s;
        value -= n;
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return out;
}

double roman_to_decimal(const std::string& roman) {
  auto value_of = [](char c) -> double {
    switch (c) {
      case 'M': return 1000;
      case 'D': return 500;
      case 'C': return 100;
      case 'L': return 50;
      case 'X': return 10;
      case 'V': return 5;
      case 'I': return 1;
      default: return std::nan("");
    }
  };
  double decimal = 0, max = 1;
  for (std::size_t i = roman.size(); i-- > 0;) {
    double v = value_of(roman[i]);
    if (v < max) {
      decimal -= v;
    } else {
      max = v;
      decimal += v;
    }
  }
  return decimal;
}

std::string decimal_to_letters(double value, char a) {
  std::string letters;
  while (value > 0) {
    letters.insert(letters.begin(), static_cast<char>(std::fmod(value - 1, 26) + a));
    value = std::floor((value - 1) / 26);
  }
  return letters;
}

double letters_to_decimal(const std::string& letters, char a) {
  double decimal = 0;
  for (std::size_t i = 0; i < letters.size(); ++i)
    decimal += (letters[letters.size() - i - 1] - a + 1) * std::pow(26, static_cast<double>(i));
  return decimal;
}

// --- integer pictures -----------------------------------------------------------------------------

enum class Primary { decimal, letters, roman, words, sequence };
enum class Case { upper, lower, title };

struct Separator {
  int position = 0;
  std::u32string character;
};

struct IntegerFormat {
  Primary primary = Primary::decimal;
  Case letter_case = Case::lower;
  bool ordinal = false;
  char32_t zero_code = U'0';
  int mandatory_digits = 0;
  int optional_digits = 0;
  bool regular = false;
  std::vector<Separator> separators;  // irregular
  Separator regular_separator;
  std::string token;
  int n = 0;  // YMD width, for parsing
};

const char32_t kDecimalGroups[] = {0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
                                   0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
                                   0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
                                   0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

IntegerFormat analyse_integer_picture(const std::string& picture) {
  IntegerFormat format;
  std::string primary = picture;
  auto semicolon = picture.rfind(';');
  if (semicolon != std::string::npos) {
    primary = picture.substr(0, semicolon);
    std::string modifier = picture.substr(semicolon + 1);
    if (!modifier.empty() && modifier[0] == 'o') format.ordinal = true;
  }
  if (primary == "A") {
    format.letter_case = Case::upper;
    format.primary = Primary::letters;
  } else if (primary == "a") {
    format.primary = Primary::letters;
  } else if (primary == "I") {
    format.letter_case = Case::upper;
    format.primary = Primary::roman;
  } else if (primary == "i") {
    format.primary = Primary::roman;
  } else if (primary == "W") {
    format.letter_case = Case::upper;
    format.primary = Primary::words;
  } else if (primary == "Ww") {
    format.letter_case = Case::title;
    format.primary = Primary::words;
  } else if (primary == "w") {
    format.primary = Primary::words;
  } else {
    std::optional<char32_t> zero;
    int mandatory = 0, optional = 0, separator_position = 0;
    std::vector<Separator> separators;
    std::u32string cps = to_u32(primary);
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) {
      char32_t cp = *it;
      bool digit = false;
      for (char32_t group : kDecimalGroups) {
        if (cp >= group && cp <= group + 9) {
          digit = true;
          ++mandatory;
          ++separator_position;
          if (!zero) zero = group;
          else if (*zero != group) throw Failure("D3131");
          break;
        }
      }
      if (!digit) {
        if (cp == U'#') {
          ++separator_position;
          ++optional;
        } else {
          separators.push_back({separator_position, std::u32string(1, cp)});
        }
      }
    }
    if (mandatory > 0) {
      format.primary = Primary::decimal;
      format.zero_code = *zero;
      format.mandatory_digits = mandatory;
      format.optional_digits = optional;
      auto regular_repeat = [](const std::vector<Separator>& seps) -> int {
        if (seps.empty()) return 0;
        for (const auto& s : seps)
          if (s.character != seps[0].character) return 0;
        int factor = seps[0].position;
        for (std::size_t i = 1; i < seps.size(); ++i) factor = std::gcd(factor, seps[i].position);
        for (std::size_t index = 1; index <= seps.size(); ++index) {
          bool found = false;
          for (const auto& s : seps) found = found || s.position == static_cast<int>(index) * factor;
          if (!found) return 0;
        }
        return factor;
      };
      int regular = regular_repeat(separators);
      if (regular > 0) {
        format.regular = true;
        format.regular_separator = {regular, separators[0].character};
      } else {
        format.regular = false;
        format.separators = separators;
      }
    } else {
      format.primary = Primary::sequence;
      format.token = primary;
    }
  }
  return format;
}

std::string format_integer_with(double value, const IntegerFormat& format) {
  std::string formatted;
  bool negative = value < 0;
  value = std::fabs(value);
  switch (format.primary) {
    case Primary::letters: formatted = decimal_to_letters(value, format.letter_case == Case::upper ? 'A' : 'a'); break;
    case Primary::roman:
      formatted = decimal_to_roman(value);
      if (format.letter_case == Case::upper) formatted = upper(formatted);
      break;
    case Primary::words:
      formatted = number_to_words(value, format.ordinal);
      if (format.letter_case == Case::upper) formatted = upper(formatted);
      else if (format.letter_case == Case::lower) formatted = lower(formatted);
      break;
    case Primary::decimal: {
      std::u32string digits = to_u32(js_number_to_string(value));
      int pad = format.mandatory_digits - static_cast<int>(digits.size());
      if (pad > 0) digits = std::u32string(static_cast<std::size_t>(pad), U'0') + digits;
      if (format.zero_code != U'0')
        for (auto& c : digits) c = c + format.zero_code - U'0';
      if (format.regular) {
        // A separator before every group of `step` digits counted from the right, in one pass
        // (padding can make the digits long).
        const auto step = static_cast<std::size_t>(std::max(format.regular_separator.position, 1));
        std::u32string grouped;
        grouped.reserve(digits.size() + digits.size() / step);
        for (std::size_t i = 0; i < digits.size(); ++i) {
          if (i > 0 && (digits.size() - i) % step == 0) grouped += format.regular_separator.character;
          grouped += digits[i];
        }
        digits = std::move(grouped);
      } else {
        for (auto it = format.separators.rbegin(); it != format.separators.rend(); ++it) {
          long pos = static_cast<long>(digits.size()) - it->position;
          if (pos < 0) pos = 0;
          digits.insert(static_cast<std::size_t>(pos), it->character);
        }
      }
      formatted = from_u32(digits);
      if (format.ordinal) {
        char last = formatted.empty() ? '0' : formatted.back();
        std::string suffix = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "";
        if (suffix.empty() || (formatted.size() > 1 && formatted[formatted.size() - 2] == '1')) suffix = "th";
        formatted += suffix;
      }
      break;
    }
    case Primary::sequence: throw Failure("D3130").with_value(Val::string(format.token));
  }
  if (negative) formatted = "-" + formatted;
  return formatted;
}

// --- calendar arithmetic (proleptic Gregorian, UTC, as JavaScript's Date) ----------------------------

constexpr double kDay = 86400000.0;

double days_from_civil(double y, double m /*1-12*/, double d) {
  y -= m <= 2 ? 1 : 0;
  double era = std::floor(y / 400);
  double yoe = y - era * 400;
  double mp = std::fmod(m + 9, 12);
  double doy = std::floor((153 * mp + 2) / 5) + d - 1;
  double doe = yoe * 365 + std::floor(yoe / 4) - std::floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Date.UTC(year, month0, day, h, m, s, ms) with JavaScript's carrying of out-of-range fields.
double date_utc(double year, double month0, double day = 1, double h = 0, double mi = 0, double s = 0, double ms = 0) {
  if (std::isnan(year) || std::isnan(month0) || std::isnan(day) || std::isnan(h) || std::isnan(mi) || std::isnan(s) ||
      std::isnan(ms))
    return std::nan("");
  year = std::trunc(year);
  if (year >= 0 && year <= 99) year += 1900;
  double ym = year + std::floor(month0 / 12);
  double mn = std::fmod(month0, 12);
  if (mn < 0) mn += 12;
  double days = days_from_civil(ym, mn + 1, 1) + std::trunc(day) - 1;
  return days * kDay + std::trunc(h) * 3600000 + std::trunc(mi) * 60000 + std::trunc(s) * 1000 + std::trunc(ms);
}

struct DateParts {
  double year = 0, month0 = 0, day = 1, hours = 0, minutes = 0, seconds = 0, millis = 0, weekday = 0, time = 0;
};

DateParts to_parts(double t) {
  DateParts p;
  p.time = t;
  double days = std::floor(t / kDay);
  double ms_in_day = t - days * kDay;
  // civil_from_days
  double z = days + 719468;
  double era = std::floor(z / 146097);
  double doe = z - era * 146097;
  double yoe = std::floor((doe - std::floor(doe / 1460) + std::floor(doe / 36524) - std::floor(doe / 146096)) / 365);
  double y = yoe + era * 400;
  double doy = doe - (365 * yoe + std::floor(yoe / 4) - std::floor(yoe / 100));
  double mp = std::floor((5 * doy + 2) / 153);
  double d = doy - std::floor((153 * mp + 2) / 5) + 1;
  double m = mp < 10 ? mp + 3 : mp - 9;
  p.year = m <= 2 ? y + 1 : y;
  p.month0 = m - 1;
  p.day = d;
  p.hours = std::floor(ms_in_day / 3600000);
  p.minutes = std::floor(std::fmod(ms_in_day, 3600000) / 60000);
  p.seconds = std::floor(std::fmod(ms_in_day, 60000) / 1000);
  p.millis = std::fmod(ms_in_day, 1000);
  double wd = std::fmod(days + 4, 7);
  p.weekday = wd < 0 ? wd + 7 : wd;
  return p;
}

const char* kDays[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

double start_of_first_week(double year, double month0) {
  double jan1 = date_utc(year, month0);
  double day_of_jan1 = to_parts(jan1).weekday;
  if (day_of_jan1 == 0) day_of_jan1 = 7;
  return day_of_jan1 > 4 ? jan1 + (8 - day_of_jan1) * kDay : jan1 - (day_of_jan1 - 1) * kDay;
}

double delta_weeks(double start, double end) { return (end - start) / (kDay * 7) + 1; }

// A component's value: a number, or a string for P, C and E.
struct Fragment {
  double number = std::nan("");
  std::string text;
  bool is_text = false;
};

Fragment fragment(const DateParts& date, char component) {
  Fragment f;
  auto next_month = [](double y, double m) { return m == 11 ? std::pair{y + 1, 0.0} : std::pair{y, m + 1}; };
  auto previous_month = [](double y, double m) { return m == 0 ? std::pair{y - 1, 11.0} : std::pair{y, m - 1}; };
  switch (component) {
    case 'Y': f.number = date.year; break;
    case 'M': f.number = date.month0 + 1; break;
    case 'D': f.number = date.day; break;
    case 'd': {
      double today = date_utc(date.year, date.month0, date.day);
      double first_jan = date_utc(date.year, 0);
      f.number = (today - first_jan) / kDay + 1;
      break;
    }
    case 'F': f.number = date.weekday == 0 ? 7 : date.weekday; break;
    case 'W': {
      double start = start_of_first_week(date.year, 0);
      double today = date_utc(date.year, date.month0, date.day);
      double week = delta_weeks(start, today);
      if (week > 52) {
        if (today >= start_of_first_week(date.year + 1, 0)) week = 1;
      } else if (week < 1) {
        week = delta_weeks(start_of_first_week(date.year - 1, 0), today);
      }
      f.number = std::floor(week);
      break;
    }
    case 'w': {
      double start = start_of_first_week(date.year, date.month0);
      double today = date_utc(date.year, date.month0, date.day);
      double week = delta_weeks(start, today);
      if (week > 4) {
        auto [ny, nm] = next_month(date.year, date.month0);
        if (today >= start_of_first_week(ny, nm)) week = 1;
      } else if (week < 1) {
        auto [py, pm] = previous_month(date.year, date.month0);
        week = delta_weeks(start_of_first_week(py, pm), today);
      }
      f.number = std::floor(week);
      break;
    }
    case 'X': {
      double start = start_of_first_week(date.year, 0);
      double end = start_of_first_week(date.year + 1, 0);
      f.number = date.time < start ? date.year - 1 : date.time >= end ? date.year + 1 : date.year;
      break;
    }
    case 'x': {
      double start = start_of_first_week(date.year, date.month0);
      auto [ny, nm] = next_month(date.year, date.month0);
      double end = start_of_first_week(ny, nm);
      if (date.time < start) f.number = previous_month(date.year, date.month0).second + 1;
      else if (date.time >= end) f.number = nm + 1;
      else f.number = date.month0 + 1;
      break;
    }
    case 'H': f.number = date.hours; break;
    case 'h': {
      double h = std::fmod(date.hours, 12);
      f.number = h == 0 ? 12 : h;
      break;
    }
    case 'P':
      f.is_text = true;
      f.text = date.hours >= 12 ? "pm" : "am";
      break;
    case 'm': f.number = date.minutes; break;
    case 's': f.number = date.seconds; break;
    case 'f': f.number = date.millis; break;
    case 'C':
    case 'E':
      f.is_text = true;
      f.text = "ISO";
      break;
    default: f.is_text = true; break;  // Z, z: undefined
  }
  return f;
}

// --- date/time pictures ---------------------------------------------------------------------------

struct Marker {
  bool literal = false;
  std::string value;  // literal text
  char component = 0;
  std::optional<double> width_min, width_max;  // NaN when unparsable
  bool has_width = false;
  std::string presentation1, presentation2;
  bool ordinal = false;
  std::optional<Case> names;
  std::optional<IntegerFormat> integer_format;
  int n = 0;
  bool has_n = false;
};

std::optional<double> parse_width(const std::optional<std::string>& wm) {
  if (!wm || *wm == "*") return std::nullopt;
  // parseInt
  std::size_t i = 0;
  while (i < wm->size() && std::isspace(static_cast<unsigned char>((*wm)[i]))) ++i;
  bool neg = false;
  if (i < wm->size() && ((*wm)[i] == '-' || (*wm)[i] == '+')) neg = (*wm)[i++] == '-';
  if (i >= wm->size() || !std::isdigit(static_cast<unsigned char>((*wm)[i]))) return std::nan("");
  double v = 0;
  while (i < wm->size() && std::isdigit(static_cast<unsigned char>((*wm)[i]))) v = v * 10 + ((*wm)[i++] - '0');
  return neg ? -v : v;
}

std::string default_presentation(char component) {
  switch (component) {
    case 'F': return "n";
    case 'Y': case 'M': case 'D': case 'd': case 'W': case 'w': case 'X': case 'x': case 'H': case 'h':
    case 'f': return "1";
    case 'P': case 'C': case 'E': return "n";
    case 'm': case 's': return "01";
    case 'Z': case 'z': return "01:01";
    default: return "";
  }
}

std::vector<Marker> analyse_datetime_picture(const std::string& picture) {
  std::vector<Marker> spec;
  auto add_literal = [&](std::size_t start, std::size_t end) {
    if (end > start) {
      std::string literal = picture.substr(start, end - start);
      std::string out;
      for (std::size_t i = 0; i < literal.size(); ++i) {
        out += literal[i];
        if (literal[i] == ']' && i + 1 < literal.size() && literal[i + 1] == ']') ++i;
      }
      Marker m;
      m.literal = true;
      m.value = out;
      spec.push_back(m);
    }
  };
  std::size_t start = 0, pos = 0;
  while (pos < picture.size()) {
    if (picture[pos] == '[') {
      if (pos + 1 < picture.size() && picture[pos + 1] == '[') {
        add_literal(start, pos);
        Marker m;
        m.literal = true;
        m.value = "[";
        spec.push_back(m);
        pos += 2;
        start = pos;
        continue;
      }
      add_literal(start, pos);
      start = pos;
      pos = picture.find(']', start);
      if (pos == std::string::npos) throw Failure("D3135");
      std::string raw = picture.substr(start + 1, pos - start - 1);
      std::string marker;
      for (char c : raw)
        if (!std::isspace(static_cast<unsigned char>(c))) marker += c;
      Marker def;
      def.component = marker.empty() ? 0 : marker[0];
      auto comma = marker.rfind(',');
      std::string pres;
      if (comma != std::string::npos) {
        std::string width = marker.substr(comma + 1);
        auto dash = width.find('-');
        std::optional<std::string> min, max;
        if (dash == std::string::npos) {
          min = width;
        } else {
          min = width.substr(0, dash);
          max = width.substr(dash + 1);
        }
        def.has_width = true;
        def.width_min = parse_width(min);
        def.width_max = parse_width(max);
        pres = marker.substr(std::min<std::size_t>(1, marker.size()), comma >= 1 ? comma - 1 : 0);
      } else {
        pres = marker.size() > 1 ? marker.substr(1) : "";
      }
      if (pres.size() == 1) {
        def.presentation1 = pres;
      } else if (pres.size() > 1) {
        char last = pres.back();
        if (std::string("atco").find(last) != std::string::npos) {
          def.presentation2 = std::string(1, last);
          if (last == 'o') def.ordinal = true;
          def.presentation1 = pres.substr(0, pres.size() - 1);
        } else {
          def.presentation1 = pres;
        }
      } else {
        def.presentation1 = default_presentation(def.component);
      }
      if (def.presentation1.empty()) {
        Failure f("D3132");
        f.value = Val::string(std::string(1, def.component));
        throw f;
      }
      if (def.presentation1[0] == 'n') {
        def.names = Case::lower;
      } else if (def.presentation1[0] == 'N') {
        def.names = def.presentation1.size() > 1 && def.presentation1[1] == 'n' ? Case::title : Case::upper;
      } else if (std::string("YMDdFWwXxHhmsf").find(def.component) != std::string::npos) {
        std::string pattern = def.presentation1;
        if (!def.presentation2.empty()) pattern += ";" + def.presentation2;
        def.integer_format = analyse_integer_picture(pattern);
        if (def.has_width && def.width_min && !std::isnan(*def.width_min)) {
          if (def.integer_format->mandatory_digits < *def.width_min)
            def.integer_format->mandatory_digits = picture_width(*def.width_min);
        }
        if (std::string("YMD").find(def.component) != std::string::npos) {
          def.has_n = true;
          def.n = -1;
          if (def.has_width && def.width_max && !std::isnan(*def.width_max)) {
            def.n = picture_width(*def.width_max);
            def.integer_format->mandatory_digits = def.n;
          } else {
            int w = def.integer_format->mandatory_digits + def.integer_format->optional_digits;
            if (w >= 2) def.n = w;
          }
        }
      }
      if (def.component == 'Z' || def.component == 'z') def.integer_format = analyse_integer_picture(def.presentation1);
      spec.push_back(def);
      start = pos + 1;
    }
    ++pos;
  }
  add_literal(start, pos);
  return spec;
}

double js_parse_int(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nan("");
  double v = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) v = v * 10 + (s[i++] - '0');
  return neg ? -v : v;
}

std::string format_datetime(double millis, const Val& picture, const Val& timezone) {
  double offset_hours = 0, offset_minutes = 0;
  if (timezone.is_string()) {
    double offset = js_parse_int(timezone.str());
    offset_hours = std::floor(offset / 100);
    offset_minutes = std::fmod(offset, 100);
  }
  static const std::vector<Marker> iso = analyse_datetime_picture("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]");
  std::vector<Marker> parsed;
  const std::vector<Marker>* spec = &iso;
  if (picture.is_string()) {
    parsed = analyse_datetime_picture(picture.str());
    spec = &parsed;
  }
  const double offset_millis = (60 * offset_hours + offset_minutes) * 60 * 1000;
  const DateParts date = to_parts(millis + offset_millis);
  std::string result;
  for (const Marker& part : *spec) {
    if (part.literal) {
      result += part.value;
      continue;
    }
    Fragment value = fragment(date, part.component);
    std::string text;
    if (std::string("YMDdFWwXxHhms").find(part.component) != std::string::npos) {
      double number = value.number;
      if (part.component == 'Y' && part.has_n && part.n != -1) number = std::fmod(number, std::pow(10, part.n));
      if (part.names) {
        // An invalid date (from a non-finite millis) has NaN fields: jsonata-js indexes its name
        // table with NaN and prints "undefined" (and crashes on changing its case; see
        // docs/aws-differences.md).
        auto name_of = [&](const auto& table, double index) -> std::string {
          const double size = static_cast<double>(std::size(table));
          return index >= 0 && index < size ? std::string(table[static_cast<std::size_t>(index)]) : "undefined";
        };
        if (part.component == 'M' || part.component == 'x') {
          text = name_of(kMonths, number - 1);
        } else if (part.component == 'F') {
          text = name_of(kDays, number);
        } else {
          Failure f("D3133");
          f.value = Val::string(std::string(1, part.component));
          throw f;
        }
        if (*part.names == Case::upper) text = upper(text);
        else if (*part.names == Case::lower) text = lower(text);
        if (part.has_width && part.width_max && static_cast<double>(text.size()) > *part.width_max)
          text = text.substr(0, static_cast<std::size_t>(*part.width_max));
      } else {
        text = format_integer_with(number, *part.integer_format);
      }
    } else if (part.component == 'f') {
      text = format_integer_with(value.number, *part.integer_format);
    } else if (part.component == 'Z' || part.component == 'z') {
      double offset = offset_hours * 100 + offset_minutes;
      const IntegerFormat& format = *part.integer_format;
      if (format.regular) {
        text = format_integer_with(offset, format);
      } else {
        int digits = format.mandatory_digits;
        if (digits == 1 || digits == 2) {
          text = format_integer_with(offset_hours, format);
          if (offset_minutes != 0) text += ":" + format_integer_with(offset_minutes, analyse_integer_picture("00"));
        } else if (digits == 3 || digits == 4) {
          text = format_integer_with(offset, format);
        } else {
          throw Failure("D3134").with_value(num(digits));
        }
      }
      if (offset >= 0) text = "+" + text;
      if (part.component == 'z') text = "GMT" + text;
      if (offset == 0 && part.presentation2 == "t") text = "Z";
    } else if (part.component == 'P') {
      text = value.text;
      if (part.names && *part.names == Case::upper) text = upper(text);
    } else {
      text = value.is_text ? value.text : js_number_to_string(value.number);
      if (!value.is_text && std::isnan(value.number)) text = "undefined";
    }
    result += text;
  }
  return result;
}

// --- parsing --------------------------------------------------------------------------------------

struct PartMatcher {
  std::string regex;
  char component = 0;
  std::function<std::optional<double>(const std::string&)> parse;  // empty: a literal
};

std::string escape_regex(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string(".*+?^${}()|[]\\").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

PartMatcher integer_matcher(const IntegerFormat& format) {
  PartMatcher m;
  const bool is_upper = format.letter_case == Case::upper;
  std::string occurrences = "+";
  if (format.n > 0) {
    occurrences = format.optional_digits == 0
                      ? "{" + std::to_string(format.n) + "}"
                      : "{" + std::to_string(format.n - format.optional_digits) + "," + std::to_string(format.n) + "}";
  }
  switch (format.primary) {
    case Primary::letters:
      m.regex = is_upper ? "[A-Z]+" : "[a-z]+";
      m.parse = [is_upper](const std::string& v) -> std::optional<double> { return letters_to_decimal(v, is_upper ? 'A' : 'a'); };
      break;
    case Primary::roman:
      m.regex = is_upper ? "[MDCLXVI]+" : "[mdclxvi]+";
      m.parse = [is_upper](const std::string& v) -> std::optional<double> { return roman_to_decimal(is_upper ? v : upper(v)); };
      break;
    case Primary::words: {
      std::string alternatives;
      for (const auto& [k, v] : word_values()) alternatives += k + "|";
      m.regex = "(?:" + alternatives + "and|[\\-, ])+";
      m.parse = [](const std::string& v) -> std::optional<double> { return words_to_number(lower(v)); };
      break;
    }
    case Primary::decimal: {
      m.regex = "[0-9]" + occurrences;
      if (format.ordinal) m.regex += "(?:th|st|nd|rd)";
      m.parse = [format](const std::string& value) -> std::optional<double> {
        std::string digits = value;
        if (format.ordinal) digits = digits.substr(0, digits.size() >= 2 ? digits.size() - 2 : 0);
        auto remove_all = [&](const std::string& sep) {
          if (sep.empty()) return;
          std::string out;
          for (std::size_t i = 0; i < digits.size();) {
            if (digits.compare(i, sep.size(), sep) == 0) i += sep.size();
            else out += digits[i++];
          }
          digits = out;
        };
        if (format.regular) remove_all(",");
        else
          for (const auto& s : format.separators) remove_all(from_u32(s.character));
        if (format.zero_code != U'0') {
          std::u32string u = to_u32(digits);
          for (auto& c : u) c = c - format.zero_code + U'0';
          digits = from_u32(u);
        }
        return js_parse_int(digits);
      };
      break;
    }
    case Primary::sequence: throw Failure("D3130").with_value(Val::string(format.token));
  }
  return m;
}

std::optional<double> parse_datetime(Ctx& ctx, const std::string& timestamp, const std::string& picture) {
  std::vector<Marker> spec = analyse_datetime_picture(picture);
  std::vector<PartMatcher> parts;
  for (const Marker& part : spec) {
    PartMatcher res;
    if (part.literal) {
      res.regex = escape_regex(part.value);
    } else if (part.component == 'Z' || part.component == 'z') {
      std::optional<std::string> separator;
      if (part.integer_format->regular) separator = from_u32(part.integer_format->regular_separator.character);
      res.regex = part.component == 'z' ? "GMT" : "";
      res.regex += "[-+][0-9]+";
      if (separator) res.regex += escape_regex(*separator) + "[0-9]+";
      char component = part.component;
      res.parse = [component, separator](const std::string& in) -> std::optional<double> {
        std::string value = component == 'z' ? in.substr(std::min<std::size_t>(3, in.size())) : in;
        double hours = 0, minutes = 0;
        if (separator) {
          auto at = value.find(*separator);
          hours = js_parse_int(value.substr(0, at));
          minutes = js_parse_int(at == std::string::npos ? std::string() : value.substr(at + 1));
        } else if (value.size() - 1 <= 2) {
          hours = js_parse_int(value);
        } else {
          hours = js_parse_int(value.substr(0, 3));
          minutes = js_parse_int(value.substr(3));
        }
        return hours * 60 + minutes;
      };
    } else if (part.integer_format) {
      IntegerFormat format = *part.integer_format;
      format.n = part.has_n ? part.n : 0;
      res = integer_matcher(format);
    } else {
      res.regex = "[a-zA-Z]+";
      std::map<std::string, double> lookup;
      if (part.component == 'M' || part.component == 'x') {
        for (int i = 0; i < 12; ++i) {
          std::string name = kMonths[i];
          if (part.has_width && part.width_max && *part.width_max > 0)
            name = name.substr(0, static_cast<std::size_t>(*part.width_max));
          lookup[name] = i + 1;
        }
      } else if (part.component == 'F') {
        for (int i = 1; i < 8; ++i) {
          std::string name = kDays[i];
          if (part.has_width && part.width_max && *part.width_max > 0)
            name = name.substr(0, static_cast<std::size_t>(*part.width_max));
          lookup[name] = i;
        }
      } else if (part.component == 'P') {
        lookup = {{"am", 0}, {"AM", 0}, {"pm", 1}, {"PM", 1}};
      } else {
        Failure f("D3133");
        f.value = Val::string(std::string(1, part.component));
        throw f;
      }
      res.parse = [lookup](const std::string& v) -> std::optional<double> {
        auto it = lookup.find(v);
        if (it == lookup.end()) return std::nullopt;
        return it->second;
      };
    }
    res.component = part.component;
    parts.push_back(std::move(res));
  }
  std::string full = "^";
  for (const auto& p : parts) full += "(" + p.regex + ")";
  full += "$";
  std::string error;
  auto regex = Regex::compile(full, "i", error);
  if (!regex) return std::nullopt;
  auto info = regex->exec(to_u32(timestamp), 0);
  if (!info) return std::nullopt;

  std::map<char, std::optional<double>> components;
  for (std::size_t i = 0; i < parts.size() && i < info->groups.size(); ++i) {
    if (!parts[i].parse) continue;
    std::string text = info->groups[i] ? from_u32(*info->groups[i]) : std::string();
    components[parts[i].component] = parts[i].parse(text);
  }
  if (components.empty()) return std::nullopt;
  auto has = [&](char c) {
    auto it = components.find(c);
    return it != components.end() && it->second.has_value();
  };
  auto truthy = [&](char c) {
    auto it = components.find(c);
    return it != components.end() && it->second && *it->second != 0 && !std::isnan(*it->second);
  };
  int mask = 0;
  auto is_type = [&](int type) { return !(~type & mask) && (type & mask); };
  for (char c : std::string("YXMxWwdD")) mask = (mask << 1) + (truthy(c) ? 1 : 0);
  bool date_a = is_type(161);
  bool date_b = !date_a && is_type(130);
  bool date_c = is_type(84);
  bool date_d = !date_c && is_type(72);
  mask = 0;
  for (char c : std::string("PHhmsf")) mask = (mask << 1) + (truthy(c) ? 1 : 0);
  bool time_a = is_type(23);
  bool time_b = !time_a && is_type(47);
  std::string comps = std::string(date_b ? "YD" : date_c ? "XxwF" : date_d ? "XWF" : "YMD") + (time_b ? "Phmsf" : "Hmsf");
  DateParts now = to_parts(static_cast<double>(ctx.now_millis()));
  bool start_specified = false, end_specified = false;
  for (char part : comps) {
    if (!has(part)) {
      if (start_specified) {
        components[part] = std::string("MDd").find(part) != std::string::npos ? 1 : 0;
        end_specified = true;
      } else {
        Fragment f = fragment(now, part);
        components[part] = f.is_text ? std::nan("") : f.number;
      }
    } else {
      start_specified = true;
      if (end_specified) throw Failure("D3136");
    }
  }
  auto get = [&](char c) -> double {
    auto it = components.find(c);
    return it != components.end() && it->second ? *it->second : std::nan("");
  };
  double month = get('M') > 0 ? get('M') - 1 : 0;
  double day = get('D');
  if (date_b) {
    double first_jan = date_utc(get('Y'), 0);
    DateParts derived = to_parts(first_jan + (get('d') - 1) * kDay);
    month = derived.month0;
    day = derived.day;
  }
  if (date_c || date_d) throw Failure("D3136");
  double hours = get('H');
  if (time_b) {
    hours = get('h') == 12 ? 0 : get('h');
    if (get('P') == 1) hours += 12;
  }
  double millis = date_utc(get('Y'), month, day, hours, get('m'), get('s'), get('f'));
  double tz = has('Z') && get('Z') != 0 ? get('Z') : has('z') ? get('z') : 0;
  if (tz != 0 && !std::isnan(tz)) millis -= tz * 60 * 1000;
  return millis;
}

// Date.parse for the ISO 8601 forms that pass jsonata-js's check.
double parse_iso(const std::string& s) {
  std::size_t i = 0;
  auto digits = [&](int n, double& out) {
    if (i + static_cast<std::size_t>(n) > s.size()) return false;
    double v = 0;
    for (int k = 0; k < n; ++k) {
      char c = s[i + static_cast<std::size_t>(k)];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i += static_cast<std::size_t>(n);
    out = v;
    return true;
  };
  double year = 0, month = 1, day = 1, h = 0, m = 0, sec = 0, ms = 0;
  if (!digits(4, year)) return std::nan("");
  bool has_time = false;
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!digits(2, month)) return std::nan("");
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!digits(2, day)) return std::nan("");
    }
  }
  if (i < s.size() && s[i] == 'T') {
    ++i;
    has_time = true;
    if (!digits(2, h) || i >= s.size() || s[i++] != ':' || !digits(2, m)) return std::nan("");
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!digits(2, sec)) return std::nan("");
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      std::size_t start = i;
      double frac = 0, scale = 1;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        if (i - start < 3) {
          frac = frac * 10 + (s[i] - '0');
          scale *= 10;
        }
        ++i;
      }
      ms = frac * (1000 / scale);
    }
  }
  double offset = 0;
  if (i < s.size()) {
    if (s[i] == 'Z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      double sign = s[i++] == '-' ? -1 : 1;
      double oh = 0, om = 0;
      if (!digits(2, oh)) return std::nan("");
      if (i < s.size() && s[i] == ':') ++i;
      if (!digits(2, om)) return std::nan("");
      offset = sign * (oh * 60 + om);
    }
  }
  if (i != s.size() || month < 1 || month > 12 || day < 1 || day > 31 || h > 24 || m > 59 || sec > 59) return std::nan("");
  (void)has_time;
  return date_utc(year, month - 1, day, h, m, sec, ms) - offset * 60000;
}

// --- the functions ----------------------------------------------------------------------------------

Val fn_format_integer(Ctx&, std::vector<Val>& a) {
  if (arg(a, 0).undefined()) return Val();
  double value = std::floor(arg(a, 0).num());
  IntegerFormat format = analyse_integer_picture(arg(a, 1).is_string() ? arg(a, 1).str() : "");
  return Val::string(format_integer_with(value, format));
}

Val fn_parse_integer(Ctx&, std::vector<Val>& a) {
  if (arg(a, 0).undefined()) return Val();
  IntegerFormat format = analyse_integer_picture(arg(a, 1).is_string() ? arg(a, 1).str() : "");
  PartMatcher matcher = integer_matcher(format);
  auto result = matcher.parse(arg(a, 0).str());
  return result ? num(*result) : Val();
}

Val fn_from_millis(Ctx& ctx, std::vector<Val>& a) {
  if (arg(a, 0).undefined()) return Val();
  return from_millis(ctx, arg(a, 0).num(), arg(a, 1), arg(a, 2));
}

Val fn_to_millis(Ctx& ctx, std::vector<Val>& a) {
  const Val& ts = arg(a, 0);
  if (ts.undefined()) return Val();
  if (arg(a, 1).undefined()) {
    static const std::shared_ptr<const Regex> iso = [] {
      std::string error;
      return Regex::compile(
          "^\\d{4}(-[01]\\d)*(-[0-3]\\d)*(T[0-2]\\d:[0-5]\\d:[0-5]\\d)*(\\.\\d+)?([+-][0-2]\\d:?[0-5]\\d|Z)?$", "", error);
    }();
    if (!iso->exec(to_u32(ts.str()), 0)) throw Failure("D3110").with_value(ts);
    return num(parse_iso(ts.str()));
  }
  auto millis = parse_datetime(ctx, ts.str(), arg(a, 1).is_string() ? arg(a, 1).str() : "");
  return millis ? num(*millis) : Val();
}

Val fn_now(Ctx& ctx, std::vector<Val>& a) {
  return from_millis(ctx, static_cast<double>(ctx.now_millis()), arg(a, 0), arg(a, 1));
}

Val fn_millis(Ctx& ctx, std::vector<Val>&) { return num(static_cast<double>(ctx.now_millis())); }

}  // namespace

Val from_millis(Ctx&, double millis, const Val& picture, const Val& timezone) {
  return Val::string(format_datetime(millis, picture, timezone));
}

void register_datetime_functions(Registrar& r) {
  r.push_back({"formatInteger", "<n-s:s>", 2, fn_format_integer, nullptr, nullptr});
  r.push_back({"parseInteger", "<s-s:n>", 2, fn_parse_integer, nullptr, nullptr});
  r.push_back({"fromMillis", "<n-s?s?:s>", 3, fn_from_millis, nullptr, nullptr});
  r.push_back({"toMillis", "<s-s?:n>", 2, fn_to_millis, nullptr, nullptr});
  r.push_back({"now", "<s?s?:s>", 2, fn_now, nullptr, nullptr});
  r.push_back({"millis", "<:n>", 0, fn_millis, nullptr, nullptr});
}

}  // namespace asl::jsonata::detail
