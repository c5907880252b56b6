// Media for emu: devices, from media preset text (emulator/media/presets.hpp).
#include "recorder/transport/device_name.hpp"

#include "emulator/media/presets.hpp"

#include <fmt/format.h>

namespace spindle::recorder {

Result<void> load_preset(EmulatedDevice& device, std::string_view preset) {
    auto medium = make_medium(preset);
    if (!medium) return fail(hr::e_invalidarg, fmt::format("media preset '{}': {}", preset, medium.error()));
    device.drive().load(std::move(*medium));
    return {};
}

} // namespace spindle::recorder
