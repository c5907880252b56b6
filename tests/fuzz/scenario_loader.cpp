// The fault scenario YAML loader on arbitrary text. Every rule that loads must read back from
// its one-line text, and a drive running the scenario must answer a burn's commands (and the
// scenario's timed events) without throwing.
#include "emulator/drive/drive.hpp"
#include "emulator/faults/scenario.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;

void ask(Drive& drive, std::vector<std::uint8_t> cdb, std::size_t in_size, std::size_t out_size = 0) {
    std::vector<std::uint8_t> in(in_size), out(out_size);
    const auto c = drive.execute(Command{cdb, out, in});
    if (c.data_in_length > in_size) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto scenario = faults::load_scenario_text(text, "fuzz.yaml");
    if (!scenario) {
        (void)scenario.error().to_string();
        return 0;
    }
    for (const auto& rule : scenario->rules) {
        auto again = faults::parse_rule(faults::rule_text(rule));
        if (!again || faults::rule_text(*again) != faults::rule_text(rule)) std::abort();
    }

    VirtualClock clock;
    Drive drive(default_profile(), clock);
    auto medium = make_medium("blank dvd+r");
    if (!medium) std::abort();
    drive.load(std::move(*medium));
    drive.load_scenario(*scenario);
    for (int round = 0; round < 3; ++round) {
        ask(drive, {0x00, 0, 0, 0, 0, 0}, 0);                           // TEST UNIT READY
        ask(drive, {0x12, 0, 0, 0, 36, 0}, 36);                         // INQUIRY
        ask(drive, {0x46, 0x02, 0, 0, 0, 0, 0, 0x10, 0x00, 0}, 4096);   // GET CONFIGURATION
        ask(drive, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);             // READ DISC INFORMATION
        ask(drive, {0x52, 1, 0, 0, 0, 1, 0, 0, 48, 0}, 48);             // READ TRACK INFORMATION
        ask(drive, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8);               // READ CAPACITY
        ask(drive, {0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0x01, 0x00, 0}, 256); // MODE SENSE 2Ah
        ask(drive, {0x2A, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 0, 2048);         // WRITE(10) at 0
        ask(drive, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0);               // SYNCHRONIZE CACHE
        ask(drive, {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 2048);            // READ(10) at 0
        ask(drive, {0x5B, 0, 1, 0, 0, 0, 0, 0, 0, 0}, 0);               // CLOSE TRACK
        clock.advance(std::chrono::seconds(20));
    }
    return 0;
}
