#include "tools/mmc-emu/run_drives.hpp"

#include "emulator/faults/scenario.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <fmt/format.h>

#include <optional>

namespace spindle::cli {

std::expected<DriveSet, std::string> make_drives(const DriveSetOptions& o, Clock& clock) {
    auto profile =
        o.profile.empty() ? std::expected<DriveProfile, ProfileError>(default_profile()) : load_profile_file(o.profile);
    if (!profile) return std::unexpected(profile.error().to_string());
    if (o.drives < 1 || o.drives > 64) return std::unexpected("--drives must be between 1 and 64");
    std::optional<faults::Scenario> scenario;
    if (!o.faults.empty()) {
        auto s = faults::load_scenario_file(o.faults);
        if (!s) return std::unexpected(fmt::format("--faults: {}", s.error().to_string()));
        scenario = std::move(*s);
    }
    DriveSet set;
    for (int i = 0; i < o.drives; ++i) {
        auto drive = std::make_unique<Drive>(*profile, clock, DriveOptions{o.state_dir});
        if (!o.media.empty() && o.media != "none") {
            // Several drives cannot share one writable image: each gets IMAGE.<index>.
            const std::string image = o.image.empty() || o.drives == 1 ? o.image : fmt::format("{}.{}", o.image, i);
            auto m = make_medium(o.media, image);
            if (!m) return std::unexpected(fmt::format("--media '{}': {}", o.media, m.error()));
            drive->load(std::move(*m));
        }
        if (scenario) drive->faults().load(*scenario);
        set.push_back(std::make_unique<ServedDrive>(fmt::format("drive{}", i), std::move(drive)));
    }
    return set;
}

std::vector<ServedDrive*> pointers(const DriveSet& drives) {
    std::vector<ServedDrive*> out;
    for (const auto& d : drives) out.push_back(d.get());
    return out;
}

} // namespace spindle::cli
