// reference_target.h — the `reference` target: the oracle itself, in process.
#pragma once

namespace aslcheck {
void register_reference_target();
}
