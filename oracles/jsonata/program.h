// program.h — a compiled expression (its text and syntax tree) and the entry point of evaluation.
#pragma once

#include <optional>
#include <string>

#include "asl/jsonata.h"
#include "jsonata/ast.h"
#include "jsonata/runtime.h"

namespace asl::jsonata::detail {

struct Program {
  std::string text;
  Arena arena;
  Node* root = nullptr;
};

// Evaluates; failures are thrown as Failure (see function.h) and caught by the public evaluate().
// JSON that `input` borrows (Val::borrow) must outlive the result and any failure thrown, which
// may hold parts of it.
Val run(const Program& program, const Val& input, const Bindings& bindings, const EvalOptions& options);

}  // namespace asl::jsonata::detail
