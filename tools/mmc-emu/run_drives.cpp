#include "tools/mmc-emu/run_drives.hpp"

#include "emulator/faults/scenario.hpp"
#include "emulator/media/checked_files.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace spindle::cli {

namespace {

// Where drive `index` of `drives` keeps its saved mode pages: the state directory itself for a
// single drive (STATE/mode-pages.saved, as before), a directory of its own for each of several
// (STATE/drive0/ ...), so that one drive's MODE SELECT never overwrites another's pages.
// The directory is made when missing (its parent must exist).
std::expected<std::filesystem::path, std::string> drive_state_dir(const std::string& state_dir, int drives, int index) {
    if (!state_dir.empty() && ::mkdir(state_dir.c_str(), 0700) != 0 && errno != EEXIST)
        return std::unexpected(fmt::format("--state-dir: cannot create {}: {}", state_dir, std::strerror(errno)));
    if (state_dir.empty() || drives == 1) return std::filesystem::path(state_dir);
    const auto dir = std::filesystem::path(state_dir) / fmt::format("drive{}", index);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return std::unexpected(fmt::format("--state-dir: cannot create {}: {}", dir.string(), std::strerror(errno)));
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) // a link could lead anywhere
        return std::unexpected(fmt::format("--state-dir: {} is not a directory of its own", dir.string()));
    return dir;
}

// A preset that names its own image (image=PATH, saved PATH) would put one disc in every drive.
std::expected<void, std::string> one_image_per_drive(const DriveSetOptions& o) {
    if (o.drives == 1 || o.media.empty() || names_no_medium(o.media)) return {};
    const auto preset = parse_preset(o.media);
    if (!preset) return {}; // make_medium reports it
    const bool shared = preset->state == PresetState::Saved || (!preset->keep.empty() && o.image.empty());
    if (!shared) return {};
    return std::unexpected(fmt::format("--media '{}': {} drives cannot share the image {}: a disc is in one drive at a "
                                       "time (--image IMAGE gives each drive its own, IMAGE.0, IMAGE.1 ...)",
                                       o.media, o.drives, kept_image_of(*preset).string()));
}

} // namespace

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
    if (auto ok = one_image_per_drive(o); !ok) return std::unexpected(ok.error());
    DriveSet set;
    for (int i = 0; i < o.drives; ++i) {
        auto state_dir = drive_state_dir(o.state_dir, o.drives, i);
        if (!state_dir) return std::unexpected(state_dir.error());
        DriveOptions options{*state_dir};
        if (!state_dir->empty()) {
            auto locked = lock_state_dir(*state_dir);
            if (!locked) return std::unexpected(fmt::format("--state-dir: {}", locked.error()));
            options.state_dir_lock = std::make_shared<const FileDescriptor>(std::move(*locked));
        }
        auto drive = std::make_unique<Drive>(*profile, clock, std::move(options));
        if (!o.media.empty() && !names_no_medium(o.media)) {
            // Several drives cannot share one writable image: each gets IMAGE.<index>.
            const std::string image = o.image.empty() || o.drives == 1 ? o.image : fmt::format("{}.{}", o.image, i);
            auto m = make_medium(o.media, image);
            if (!m) return std::unexpected(fmt::format("--media '{}': {}", o.media, m.error()));
            drive->load(std::move(*m));
        }
        if (scenario) drive->load_scenario(*scenario);
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
