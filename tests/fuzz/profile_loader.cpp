// The profile YAML loader on arbitrary text. What loads must survive a round trip through
// profile_to_yaml, and a drive built from it must answer the commands that report the
// profile (identity, features, mode pages, buffer, speeds) without throwing.
#include "emulator/profile/profile_loader.hpp"
#include "emulator/drive/drive.hpp"

#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;

void ask(Drive& drive, std::vector<std::uint8_t> cdb, std::size_t in_size) {
    std::vector<std::uint8_t> in(in_size);
    const auto c = drive.execute(Command{cdb, {}, in});
    if (c.data_in_length > in_size) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto profile = load_profile_text(text, "fuzz.yaml");
    if (!profile) {
        (void)profile.error().to_string();
        return 0;
    }
    const auto yaml = profile_to_yaml(*profile);
    auto again = load_profile_text(yaml, "fuzz.yaml");           // the name is in the header comment
    if (!again || profile_to_yaml(*again) != yaml) std::abort(); // what was written must read back

    VirtualClock clock;
    Drive drive(*profile, clock);
    ask(drive, {0x12, 0, 0, 0, 0xFF, 0}, 255);                        // INQUIRY
    ask(drive, {0x12, 0x01, 0x80, 0, 0xFF, 0}, 255);                  // INQUIRY, unit serial number
    ask(drive, {0x46, 0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 65535);    // GET CONFIGURATION, all
    ask(drive, {0x5A, 0x08, 0x3F, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 65535); // MODE SENSE, current
    ask(drive, {0x5A, 0x08, 0x7F, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 65535); // changeable
    ask(drive, {0x5A, 0x08, 0xBF, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 65535); // default
    ask(drive, {0x5A, 0x08, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0}, 65535); // saved
    ask(drive, {0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0}, 12);               // READ BUFFER CAPACITY
    ask(drive, {0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x03, 0}, 65535); // GET PERFORMANCE, write speeds
    ask(drive, {0x00, 0, 0, 0, 0, 0}, 0);                             // TEST UNIT READY
    ask(drive, {0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0}, 8);           // GESN, media
    return 0;
}
