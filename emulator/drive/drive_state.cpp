#include "emulator/drive/drive_state.hpp"

namespace spindle {

using scsi::SenseData;
namespace asc = scsi::asc;

DriveState::DriveState(DriveProfile p, Clock& c, std::filesystem::path dir)
    : profile(std::move(p)), clock(c), state_dir(std::move(dir)),
      mode_pages(profile.mode_pages, state_dir.empty() ? std::filesystem::path{} : state_dir / "mode-pages.saved") {}

std::uint16_t DriveState::current_profile() const {
    if (!medium_present()) return 0;
    switch (condition.kind) {
    case MediumCondition::UpsideDown:
    case MediumCondition::Incompatible: return 0;
    default: return medium->disc.type().profile;
    }
}

std::optional<SenseData> DriveState::not_ready_sense() const {
    if (tray_open) return scsi::sense::not_ready(asc::medium_not_present_tray_open);
    if (!medium) return scsi::sense::not_ready(asc::medium_not_present_tray_closed);
    if (condition.sense) return condition.sense;
    const auto t = now();
    auto progress = [&]() -> std::uint16_t {
        if (condition.until == DriveTime::max()) return 0; // lasts until changed: no progress to tell
        const auto total = condition.until - condition.since;
        if (total.count() <= 0 || t >= condition.until) return 0xFFFF;
        return static_cast<std::uint16_t>(((t - condition.since) * 65536) / total);
    };
    switch (condition.kind) {
    case MediumCondition::Ready: return std::nullopt;
    case MediumCondition::BecomingReady: return scsi::sense::not_ready(asc::becoming_ready);
    case MediumCondition::FormatInProgress:
        return scsi::sense::not_ready(asc::format_in_progress).with_progress(progress());
    case MediumCondition::LongWrite:
        return scsi::sense::not_ready(asc::long_write_in_progress).with_progress(progress());
    case MediumCondition::OperationInProgress:
        return scsi::sense::not_ready(asc::operation_in_progress).with_progress(progress());
    // Drives have no code for an upside-down disc: they fail to find the lead-in and say
    // "no medium" while the mechanism reports a disc present (GET EVENT STATUS NOTIFICATION).
    // The profile's quirks say which code this drive model uses (profiles/README.md).
    case MediumCondition::UpsideDown: {
        const auto& q = profile.quirks.upside_down;
        return SenseData(static_cast<scsi::SenseKey>(q.key), scsi::Asc{q.asc, q.ascq, ""});
    }
    case MediumCondition::Incompatible: return scsi::sense::not_ready(asc::incompatible_medium_installed);
    }
    return std::nullopt;
}

} // namespace spindle
