// builtin.cpp — registers every target kind aslcheck ships (one line per kind).
#include "aslcheck/target.h"
#include "targets/reference_target.h"

namespace aslcheck {

void register_builtin_targets() {
  register_reference_target();
}

}  // namespace aslcheck
