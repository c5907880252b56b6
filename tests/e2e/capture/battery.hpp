#pragma once
// The commands the round trip compares: what a host sees of a drive's identity, features,
// mode pages, speeds, buffer and medium. Each answer is kept whole: status, sense and data.
#include "bridge/emulated_transport.hpp"
#include "recorder/disc_recorder.hpp"

#include "emulator/profile/drive_profile.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spindle::test {

struct Answer {
    std::string command; // what was sent, for messages: "MODE SENSE(10) 3Fh PC 2"
    std::uint8_t status = 0;
    std::vector<std::uint8_t> sense;
    std::vector<std::uint8_t> data;

    bool operator==(const Answer&) const = default;
};

// An emulated drive running `profile` with `preset` loaded ("blank dvd+r"; nullopt: empty),
// its loading time passed, and a recorder on it.
struct BatteryDrive {
    BatteryDrive(const DriveProfile& profile, const std::optional<std::string>& preset);
    recorder::DiscRecorderEx& ex() { return recorder->ex(); }

    std::shared_ptr<recorder::EmulatedDevice> device;
    std::unique_ptr<recorder::DiscRecorder> recorder;
};

// Every answer of the battery, in order. `reference` supplies the feature codes, mode pages and
// speeds to ask about (the source profile, so both drives are asked the same).
std::vector<Answer> run_battery(BatteryDrive& drive, const DriveProfile& reference);

// The commands whose answers differ, "" when none.
std::string differences(const std::vector<Answer>& a, const std::vector<Answer>& b);

// The media preset for an MMC profile the emulator can load, nullopt for others. ROM media
// read `rom_image`.
std::optional<std::string> preset_for(std::uint16_t profile, const std::string& rom_image);

} // namespace spindle::test
