#include "recorder/disc_eraser.hpp"

#include "recorder/media_probe.hpp"
#include "recorder/medium_commands.hpp"
#include "recorder/page_buffer.hpp"
#include "recorder/unit_wait.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {
namespace p = scsi::mmc_profile;

bool blankable(std::uint16_t profile) {
    return profile == p::cd_rw || profile == p::dvd_minus_rw_restricted || profile == p::dvd_minus_rw_sequential;
}
bool formattable(std::uint16_t profile) {
    return profile == p::dvd_plus_rw || profile == p::dvd_ram || profile == p::bd_re ||
           profile == p::dvd_minus_rw_restricted || profile == p::dvd_minus_rw_sequential;
}
bool write_once(std::uint16_t profile) {
    return profile == p::cd_r || profile == p::dvd_minus_r || profile == p::dvd_minus_r_dl_sequential ||
           profile == p::dvd_plus_r || profile == p::dvd_plus_r_dl || profile == p::bd_r_srm;
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
    started_ = clock_();
    if (blankable(*profile)) return run_blank(full_ ? 0 : 1); // restricted overwrite becomes sequential
    if (!formattable(*profile)) return refuse(*profile);
    auto probe = probe_media(recorder_->ex());
    if (!probe) return std::unexpected(probe.error());
    if (full_ || !probe->formatted) return run_format(*profile);
    return clear_anchor_areas();
}

Result<void> DiscEraser::format_media() {
    auto profile = current_physical_media_type();
    if (!profile) return std::unexpected(profile.error());
    started_ = clock_();
    if (formattable(*profile)) return run_format(*profile);
    if (*profile == p::cd_rw)
        return fail(hr::erase_media_is_not_supported, "CD-RW is blanked, not formatted: use erase");
    return refuse(*profile);
}

Result<void> DiscEraser::clear_anchor_areas() {
    auto& ex = recorder_->ex();
    auto probe = probe_media(ex);
    if (!probe) return std::unexpected(probe.error());
    const std::uint32_t total = probe->total_blocks;
    const std::uint32_t unit = probe->unit_blocks;
    // ISO 9660 volume descriptors from sector 16, UDF anchors at 256, N-257 and N-1.
    const std::uint32_t head = std::min<std::uint32_t>(1024, total);
    const std::uint32_t tail_start = total > 1024 + 512 ? (total - 512) / unit * unit : head;
    auto zeros = PageBuffer::allocate(std::size_t{64} * 2048);
    if (!zeros) return std::unexpected(zeros.error());
    const auto started = started_;
    const std::uint32_t all = head + (total - tail_start);
    std::uint32_t done = 0;
    for (auto [from, to] : {std::pair{0u, head}, std::pair{tail_start, total}}) {
        for (std::uint32_t lba = from; lba < to; lba += 64) {
            const std::uint32_t n = std::min<std::uint32_t>(64, to - lba);
            if (auto r = ex.write_blocks(lba, zeros->span().first(std::size_t{n} * 2048), unit); !r) return r;
            done += n;
            if (on_progress_) {
                const double elapsed = std::chrono::duration<double>(clock_() - started).count();
                const double f = static_cast<double>(done) / all;
                on_progress_(EraseProgress{elapsed, f > 0 ? elapsed / f : 0, f});
            }
        }
    }
    if (auto r = synchronize_cache(ex, false); !r) return r;
    if (on_progress_) {
        const double elapsed = std::chrono::duration<double>(clock_() - started).count();
        on_progress_(EraseProgress{elapsed, elapsed, 1.0});
    }
    return {};
}

Result<void> DiscEraser::run_blank(std::uint8_t type) {
    if (auto r = blank(recorder_->ex(), type, true); !r) return r;
    return wait();
}

Result<void> DiscEraser::run_format(std::uint16_t profile) {
    auto& ex = recorder_->ex();
    if (profile == p::dvd_plus_rw) {
        // DVD+RW: the whole disc, formatted in the background (dvd+rw-format).
        if (auto r = format_unit(ex, FormatDescriptor{0xFFFF'FFFF, 0x26, 0}, 0, true, false); !r) return r;
        if (auto r = wait(); !r) return r;
        return clear_anchor_areas();
    }
    auto caps = read_format_capacities(ex);
    if (!caps) return std::unexpected(caps.error());
    // The descriptor to copy (libburn mmc_format_unit): BD-RE quick is 30h with quick
    // certification (subtype 11b), DVD-RW quick 15h; full formats are type 00h.
    const bool dvd_rw = profile == p::dvd_minus_rw_restricted || profile == p::dvd_minus_rw_sequential;
    const std::uint8_t want = full_ ? 0x00 : profile == p::bd_re ? 0x30 : dvd_rw ? 0x15 : 0x00;
    const std::uint8_t subtype = want == 0x30 ? 3 : 0;
    const bool bd = profile == p::bd_re;
    for (const auto& f : caps->formattable) {
        if (f.type != want) continue;
        if (auto r = format_unit(ex, f, subtype, true, bd); !r) return r;
        if (auto r = wait(); !r) return r;
        if (dvd_rw && profile == p::dvd_minus_rw_sequential)
            return {}; // became restricted overwrite: nothing written yet
        return clear_anchor_areas();
    }
    return fail(hr::erase_media_is_not_supported,
                fmt::format("the drive lists no format type {:02X}h for {}", want, profile_name(profile)));
}

Result<void> DiscEraser::wait() {
    const auto started = started_;
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
