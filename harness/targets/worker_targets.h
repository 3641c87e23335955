// worker_targets.h — the targets that run cases in a JSON-lines worker process: `alsf` and `command`.
#pragma once

namespace aslcheck {
void register_alsf_target();
void register_command_target();
}  // namespace aslcheck
