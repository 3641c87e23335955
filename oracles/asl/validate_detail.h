// validate_detail.h — the validation passes that run beside the IR build (schema shape, field placement, names).
#pragma once

#include "asl/build_detail.h"

namespace asl::detail {

// The JSON-schema part of AWS's validation: required and unknown fields, field types and
// ranges, which fields each state type and query language allows. Walks nested machines too.
void validate_schema(const Value& definition, BuildContext& ctx);

}  // namespace asl::detail
