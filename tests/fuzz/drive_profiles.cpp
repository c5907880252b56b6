// Drive::execute under every shipped profile (profiles/*.yaml), with discs of every kind and
// state at capacities up to 2^32 - 1 blocks, where layout arithmetic in 32 bits would wrap. A
// preset the media code refuses (a capacity past what the kind addresses) leaves the drive
// without a disc: either way nothing may crash, and a disc the drive holds stays one a real
// disc can be in (tests/crash/disc_plausibility.hpp) after every command.
//
// An input:
//   byte    the profile (modulo the shipped ones, in name order)
//   byte    the state (blank, appendable, closed, formatted; modulo)
//   byte    the kind (modulo the recordable kinds)
//   byte    the capacity: 0 the kind's own; 1 2^32 - 1 - u16; 2 u32 as it is; 3 the most the
//           kind addresses (disc_json.hpp max_capacity_blocks) - u16
//   byte    used=: 0 none; 1 capacity - u16; 2 u32 as it is
//   then commands, each: byte CDB length (modulo 17), u16 data-in capacity, u16 data-out
//   length, the CDB, the data-out bytes (drive_execute's format without its first two bytes)
#include "crash/disc_plausibility.hpp"
#include "emulator/drive/drive.hpp"
#include "emulator/media/disc_json.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "fuzz_input.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace spindle;

constexpr std::array<std::string_view, 4> states = {"blank", "appendable", "closed", "formatted"};
constexpr std::array<std::string_view, 12> kinds = {"cd-r",  "cd-rw",    "dvd-r",  "dvd-r-dl", "dvd-rw", "dvd-rw-ro",
                                                    "dvd+r", "dvd+r-dl", "dvd+rw", "dvd-ram",  "bd-r",   "bd-re"};

const std::vector<DriveProfile>& profiles() {
    static const std::vector<DriveProfile> all = [] {
        std::vector<std::filesystem::path> files;
        for (const auto& e :
             std::filesystem::directory_iterator(std::filesystem::path(SPINDLE_SOURCE_DIR) / "profiles"))
            if (e.path().extension() == ".yaml") files.push_back(e.path());
        std::ranges::sort(files);
        std::vector<DriveProfile> loaded;
        for (const auto& f : files) {
            auto p = load_profile_file(f);
            if (!p) std::abort(); // a shipped profile that does not load is a broken tree, not a finding
            loaded.push_back(std::move(*p));
        }
        if (loaded.empty()) std::abort();
        return loaded;
    }();
    return all;
}

std::string preset_text(fuzz::FuzzInput& in) {
    const auto state = states[in.byte() % states.size()]; // read in order: the state, then the kind
    const auto kind = kinds[in.byte() % kinds.size()];
    std::string text = std::string(state) + " " + std::string(kind);
    std::uint32_t capacity = 0;
    switch (in.byte() % 4) {
    case 1: capacity = 0xFFFFFFFFu - in.u16(); break;
    case 2: capacity = in.u32(); break;
    case 3: {
        const auto most = max_capacity_blocks(*media_kind_by_name(kind));
        capacity = most - std::min<std::uint32_t>(in.u16(), most - 1);
        break;
    }
    default: break;
    }
    if (capacity != 0) text += " capacity=" + std::to_string(capacity);
    switch (in.byte() % 3) {
    case 1: text += " used=" + std::to_string((capacity != 0 ? capacity : 0xFFFFFFFFu) - in.u16()); break;
    case 2: text += " used=" + std::to_string(in.u32()); break;
    default: break;
    }
    return text;
}

void check_plausible(const Drive& drive) {
    const auto& medium = drive.state().medium;
    // A format running in the background is a state of a drive at work, not of one restarted.
    if (!medium || medium->disc.background_format == BackgroundFormat::Running) return;
    if (!crash::implausible(medium->disc).empty()) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const auto& all = profiles();
    const DriveProfile& profile = all[in.byte() % all.size()];
    VirtualClock clock;
    Drive drive(profile, clock);
    if (auto medium = make_medium(preset_text(in))) drive.load(std::move(*medium));
    check_plausible(drive);

    std::vector<std::uint8_t> data_in;
    for (int commands = 0; !in.empty() && commands < 64; ++commands) {
        const std::size_t cdb_length = in.byte() % 17;
        const std::size_t capacity = in.u16();
        const std::size_t out_length = in.u16();
        const auto cdb_bytes = in.take(cdb_length);
        const auto out_bytes = in.take(out_length);
        const std::vector<std::uint8_t> cdb(cdb_bytes.begin(), cdb_bytes.end());
        const std::vector<std::uint8_t> data_out(out_bytes.begin(), out_bytes.end());
        data_in.assign(capacity, 0xEE);
        const Completion c = drive.execute(Command{cdb, data_out, data_in});
        if (c.data_in_length > capacity || c.residual > capacity) std::abort();
        clock.advance(std::chrono::milliseconds(50));
        check_plausible(drive);
    }
    return 0;
}
