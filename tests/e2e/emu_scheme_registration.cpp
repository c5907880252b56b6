// Every end-to-end suite opens emu: names through the recorder, as programs linking the bridge do.
#include "bridge/emu_name.hpp"

namespace {
const bool emu_scheme_registered = (spindle::recorder::register_emulator_scheme(), true);
} // namespace
