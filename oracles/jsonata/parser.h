// parser.h — JSONata text to a processed syntax tree (tokenizer, Pratt parser, jsonata-js's post-parse pass).
#pragma once

#include <string_view>

#include "jsonata/ast.h"

namespace asl::jsonata::detail {

// Parses `text` into nodes owned by `arena`; syntax errors are thrown as Failure (code S0xxx with
// position and token), which compile() turns into an asl::Error.
Node* parse(std::string_view text, Arena& arena);

}  // namespace asl::jsonata::detail
