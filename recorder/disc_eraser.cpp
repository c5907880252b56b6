#include "recorder/disc_eraser.hpp"

#include "recorder/media_probe.hpp"
#include "recorder/medium_commands.hpp"
#include "recorder/unit_wait.hpp"

#include <fmt/format.h>

namespace spindle::recorder {
namespace {

bool blankable(std::uint16_t profile) { return profile == 0x000A || profile == 0x0013 || profile == 0x0014; }
bool formattable(std::uint16_t profile) {
    return profile == 0x001A || profile == 0x0012 || profile == 0x0043 || profile == 0x0013 || profile == 0x0014;
}
bool write_once(std::uint16_t profile) {
    return profile == 0x0009 || profile == 0x0011 || profile == 0x0015 || profile == 0x001B || profile == 0x002B ||
           profile == 0x0041;
}

Result<void> refuse(std::uint16_t profile) {
    if (write_once(profile))
        return fail(hr::erase_media_is_not_erasable, fmt::format("{} is write-once", profile_name(profile)));
    return fail(hr::erase_media_is_not_supported, fmt::format("{} cannot be erased", profile_name(profile)));
}

} // namespace

Result<std::uint16_t> DiscEraser::current_physical_media_type() {
    auto p = probe_media(recorder_->ex());
    if (!p) return std::unexpected(p.error());
    return p->profile;
}

Result<void> DiscEraser::erase_media() {
    auto profile = current_physical_media_type();
    if (!profile) return std::unexpected(profile.error());
    if (blankable(*profile)) return run_blank(full_ ? 0 : 1);
    if (formattable(*profile)) return run_format(*profile);
    return refuse(*profile);
}

Result<void> DiscEraser::format_media() {
    auto profile = current_physical_media_type();
    if (!profile) return std::unexpected(profile.error());
    if (formattable(*profile)) return run_format(*profile);
    if (*profile == 0x000A) return fail(hr::erase_media_is_not_supported, "CD-RW is blanked, not formatted: use erase");
    return refuse(*profile);
}

Result<void> DiscEraser::run_blank(std::uint8_t type) {
    if (auto r = blank(recorder_->ex(), type, true); !r) return r;
    return wait();
}

Result<void> DiscEraser::run_format(std::uint16_t profile) {
    auto& ex = recorder_->ex();
    if (profile == 0x001A) {
        // DVD+RW: the whole disc, formatted in the background (dvd+rw-format).
        if (auto r = format_unit(ex, FormatDescriptor{0xFFFF'FFFF, 0x26, 0}, 0, true, false); !r) return r;
        return wait();
    }
    auto caps = read_format_capacities(ex);
    if (!caps) return std::unexpected(caps.error());
    // The descriptor to copy (libburn mmc_format_unit): BD-RE quick is 30h with quick
    // certification (subtype 11b), DVD-RW quick 15h; full formats are type 00h.
    const bool dvd_rw = profile == 0x0013 || profile == 0x0014;
    const std::uint8_t want = full_ ? 0x00 : profile == 0x0043 ? 0x30 : dvd_rw ? 0x15 : 0x00;
    const std::uint8_t subtype = want == 0x30 ? 3 : 0;
    const bool bd = profile == 0x0043;
    for (const auto& f : caps->formattable) {
        if (f.type != want) continue;
        if (auto r = format_unit(ex, f, subtype, true, bd); !r) return r;
        return wait();
    }
    return fail(hr::erase_media_is_not_supported,
                fmt::format("the drive lists no format type {:02X}h for {}", want, profile_name(profile)));
}

Result<void> DiscEraser::wait() {
    const auto started = clock_();
    double last_fraction = -1;
    UnitWaitOptions o;
    o.interval = interval_;
    o.on_poll = [&](std::optional<double> fraction) {
        if (!on_progress_) return;
        EraseProgress p;
        p.elapsed_seconds = std::chrono::duration<double>(clock_() - started).count();
        if (fraction) last_fraction = *fraction;
        p.fraction = last_fraction;
        p.estimated_total_seconds = last_fraction > 0 ? p.elapsed_seconds / last_fraction : 0;
        on_progress_(p);
    };
    auto r = wait_for_unit(recorder_->ex(), o, hr::erase_took_longer_than_one_hour);
    if (!r) {
        if (r.error().hresult() == hr::e_fail) {
            Error e(hr::erase_unexpected_drive_response, r.error().to_string());
            e.with_sense(r.error().sense());
            return std::unexpected(e);
        }
        return r;
    }
    if (on_progress_) {
        const double elapsed = std::chrono::duration<double>(clock_() - started).count();
        on_progress_(EraseProgress{elapsed, elapsed, 1.0});
    }
    return {};
}

} // namespace spindle::recorder
