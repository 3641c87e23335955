// builtin.cpp — registers every target kind aslcheck ships (one line per kind).
#include "aslcheck/target.h"
#include "targets/reference_target.h"
#include "targets/sfn_api_target.h"
#include "targets/worker_targets.h"

namespace aslcheck {

void register_builtin_targets() {
  register_reference_target();
  register_sfn_api_targets();
  register_alsf_target();
  register_command_target();
}

}  // namespace aslcheck
