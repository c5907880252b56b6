#pragma once
// emu: device names: an in-process emulated drive.
//   emu:[PROFILE.yaml][?media=PRESET][&faults=SCENARIO.yaml]
// The profile defaults to the built-in one and the medium to a blank disc of the first
// recordable profile the drive supports; media=none leaves the drive empty. PRESET is a media
// preset ("blank dvd+r", "appendable cd-r used=20000"); '+' and "%20" stand for spaces.
// faults= loads a fault scenario (emulator/faults/README.md) into the drive before its first
// command. A file the name points at that is not there is ERROR_FILE_NOT_FOUND; a profile or
// scenario that does not load is ERROR_INVALID_DATA (the detail: file:line:column: what is
// wrong); a malformed name or preset is E_INVALIDARG.
#include "bridge/emulated_device.hpp"
#include "recorder/error.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace spindle::recorder {

struct EmulatorSpec {
    std::string profile_path{};         // empty: the default profile
    std::optional<std::string> media{}; // nullopt: a blank disc; "no-medium" (or the deprecated "none"): no disc
    std::string faults_path{};          // empty: no fault scenario
};

bool is_emulator_name(std::string_view name);
// E_INVALIDARG with a message for a malformed name.
Result<EmulatorSpec> parse_emulator_name(std::string_view name);

// The drive an emu: name describes, with its medium loaded and ready (virtual clock: the
// loading time has passed; real clock: the drive is becoming ready, as after closing a tray).
Result<std::shared_ptr<EmulatedDevice>> make_emulated_device(const EmulatorSpec& spec, ClockKind clock);

// Loads `preset` ("blank dvd+r") into the device's drive.
Result<void> load_preset(EmulatedDevice& device, std::string_view preset);

// From now on open_transport (recorder/transport/device_name.hpp) opens emu: names.
void register_emulator_scheme();

} // namespace spindle::recorder
