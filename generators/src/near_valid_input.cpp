// near_valid_input.cpp — near-valid inputs: a path the machine reads made missing, null or of a type its reader refuses.
#include "near_valid_input.h"

#include <algorithm>

#include "input_reads.h"

namespace aslgen::detail {
namespace {

enum class Perturbation { missing, null, wrong_type };

// The JSON type of a value, numbers of every kind together.
int type_class(const asl::Value& v) {
  if (v.is_null()) return 0;
  if (v.is_bool()) return 1;
  if (v.is_number()) return 2;
  if (v.is_string()) return 3;
  return v.is_array() ? 4 : 5;
}

// Whether a reader needing `need` accepts a value of v's type (timestamps are strings, every
// number kind a number: the perturbation changes types, not values).
bool accepts(Need need, const asl::Value& v) {
  switch (need) {
    case Need::any: return true;
    case Need::number:
    case Need::integer:
    case Need::non_negative_integer:
    case Need::positive_integer: return v.is_number();
    case Need::string:
    case Need::timestamp: return v.is_string();
    case Need::boolean: return v.is_bool();
    case Need::array: return v.is_array();
    case Need::object: return v.is_object();
  }
  return true;
}

// A value of a type the reader refuses and `current` does not have (for a reader that takes
// anything: just another type).
asl::Value wrong_value(Rng& rng, Need need, const asl::Value& current) {
  const asl::Value candidates[] = {asl::Value("wrong type"), asl::Value(42), asl::Value(true),
                                   asl::Value(asl::Object{{"wrong", asl::Value("type")}}),
                                   asl::Value(asl::Array{asl::Value("wrong type")})};
  std::vector<const asl::Value*> refused;
  for (const asl::Value& c : candidates) {
    if (type_class(c) != type_class(current) && !accepts(need, c)) refused.push_back(&c);
  }
  return refused.empty() ? asl::Value("wrong type") : *refused[rng.below(static_cast<int>(refused.size()))];
}

bool fails(const InputRead& r, Perturbation p, const asl::Value& current) {
  switch (p) {
    case Perturbation::missing: return r.fails_if_missing;
    case Perturbation::null: return r.fails_if_null && !current.is_null();
    case Perturbation::wrong_type: return r.fails_if_wrong_type;
  }
  return false;
}

// Removes the value at `steps` (an array is cut before the index) or replaces it.
void apply(asl::Value& input, const std::vector<Step>& steps, Perturbation p, asl::Value replacement) {
  asl::Value* parent = mutable_at(input, std::vector<Step>(steps.begin(), steps.end() - 1));
  if (parent == nullptr) return;
  const Step& last = steps.back();
  if (p == Perturbation::missing) {
    if (const std::string* key = std::get_if<std::string>(&last)) {
      parent->mutable_object().erase(*key);
    } else {
      asl::Array& items = parent->mutable_array();
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(std::get<std::size_t>(last)), items.end());
    }
    return;
  }
  if (asl::Value* target = mutable_at(*parent, {last})) *target = std::move(replacement);
}

// The old perturbation, for machines that read no path of their input: a random top-level field.
void perturb_unread_field(Rng& rng, asl::Case& c) {
  asl::Object& input = c.input.mutable_object();
  if (input.empty()) return;
  const std::string key = input[rng.below(static_cast<int>(input.size()))].key;
  switch (rng.below(3)) {
    case 0: input.erase(key); break;
    case 1: input.set(key, asl::Value(nullptr)); break;
    default: input.set(key, input.find(key)->is_string() ? asl::Value(42) : asl::Value("wrong type")); break;
  }
  c.tags.push_back("input-perturbed");
  c.tags.push_back("input:unread-field");
}

}  // namespace

void perturb_input(Rng& rng, asl::Case& c) {
  if (!c.input.is_object()) return;
  struct Present {
    const InputRead* read;
    const asl::Value* value;
  };
  const std::vector<InputRead> reads = input_reads(c.definition);
  std::vector<Present> present;
  for (const InputRead& r : reads) {
    if (const asl::Value* v = at(c.input, r.steps)) present.push_back({&r, v});
  }
  if (present.empty()) {
    perturb_unread_field(rng, c);
    return;
  }
  auto failing = [&](Perturbation p) {
    std::vector<const Present*> out;
    for (const Present& x : present) {
      if (fails(*x.read, p, *x.value)) out.push_back(&x);
    }
    return out;
  };
  // The kind first, so all three stay common; a kind no read fails on gives way to a missing
  // value, which fails nearly every read; with no failing read at all, any read is changed.
  auto p = static_cast<Perturbation>(rng.below(3));
  std::vector<const Present*> pool = failing(p);
  if (pool.empty() && p != Perturbation::missing) {
    p = Perturbation::missing;
    pool = failing(p);
  }
  if (pool.empty()) {
    for (const Present& x : present) pool.push_back(&x);
  }
  // Later states see data earlier ones may have branched or failed on: three times in four, keep
  // the reads of the earliest reading state, and of those the ones that always run.
  if (rng.below(4) != 0) {
    const int first = (*std::min_element(pool.begin(), pool.end(), [](const Present* a, const Present* b) {
                        return a->read->order < b->read->order;
                      }))->read->order;
    std::erase_if(pool, [&](const Present* x) { return x->read->order != first; });
    if (std::any_of(pool.begin(), pool.end(), [](const Present* x) { return x->read->certain; })) {
      std::erase_if(pool, [](const Present* x) { return !x->read->certain; });
    }
  }
  const Present& chosen = *pool[rng.below(static_cast<int>(pool.size()))];
  const InputRead& read = *chosen.read;
  asl::Value replacement = p == Perturbation::wrong_type ? wrong_value(rng, read.need, *chosen.value) : asl::Value(nullptr);
  apply(c.input, read.steps, p, std::move(replacement));
  c.tags.push_back("input-perturbed");
  c.tags.push_back(p == Perturbation::missing ? "input:missing-path" : p == Perturbation::null ? "input:null-path" : "input:wrong-type");
  c.tags.push_back("input-read:" + read.field);
}

}  // namespace aslgen::detail
