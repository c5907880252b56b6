// The commands of each medium's sequence (libburn doc/cookbook.txt, libburn/write.c and
// mmc.c, growisofs) and how the disc is closed.
#include "recorder/burn_run.hpp"
#include "recorder/medium_commands.hpp"
#include "recorder/unit_wait.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {

constexpr std::size_t block_bytes = 2048;

// CLOSE TRACK/SESSION functions (MMC-6 table 42).
constexpr std::uint8_t stop_background_format = 0b000, close_track = 0b001, close_session = 0b010,
                       finalize_minimal_radius = 0b101, finalize = 0b110;

} // namespace

Result<void> BurnRun::wait_for_drive(WriteAction action) {
    UnitWaitOptions o;
    // Polls at the progress cadence, but not faster than a burner polls (growisofs: 1 s).
    o.interval = std::max(settings_.progress_interval, std::chrono::milliseconds(100));
    o.on_poll = [&](std::optional<double> fraction) {
        operation_fraction_ = fraction;
        emit(action);
    };
    return wait_for_unit(ex_, o, hr::command_timeout);
}

Result<void> BurnRun::set_write_parameters(bool dao) {
    // Write Parameters page (MMC-6 table 649), from the drive's current values: byte 2 BUFE,
    // LS_V, Test Write, write type; byte 3 multi-session, FP, track mode; byte 4 data block
    // type; byte 5 link size; bytes 10-13 packet size.
    auto page = ex_.get_mode_page(0x05, ModePageRequestType::Current);
    if (!page) return std::unexpected(page.error());
    auto& p = *page;
    if (p.size() < 16) return fail(hr::invalid_response_from_device, "page 05h shorter than 16 bytes");
    const bool cd = probe_.medium == MediumClass::Cd;
    const std::uint8_t write_type = dao ? 2 : cd ? 1 : 0; // SAO, TAO, packet/incremental
    const bool incremental = !cd && !dao;
    // 11b: the next session is allowed; 00b: closing the session closes the disc.
    const std::uint8_t multi_session = (settings_.force_media_to_be_closed || dao) ? 0 : 3;
    p[2] = static_cast<std::uint8_t>((settings_.buffer_underrun_free_disabled ? 0 : 0x40) | (incremental ? 0x20 : 0) |
                                     (settings_.test_write ? 0x10 : 0) | write_type);
    p[3] = static_cast<std::uint8_t>(multi_session << 6 | (incremental ? 0x20 : 0) | (cd ? 4 : 5));
    p[4] = 8;                    // Mode 1: 2048 bytes of user data
    p[5] = incremental ? 16 : 0; // link size of feature 0021h
    p[8] = 0;                    // session format: CD-DA or CD-ROM
    for (std::size_t i = 10; i < 14; ++i) p[i] = 0;
    if (incremental) p[13] = 16; // fixed packets of one ECC block
    return ex_.set_mode_page(ModePageRequestType::Current, p);
}

// SetWriteSpeed's request, applied to the medium being written (the probe's profile).
Result<void> BurnRun::set_write_speed() {
    auto speeds = read_write_speeds(ex_, probe_.profile);
    if (!speeds) return std::unexpected(speeds.error());
    auto r = send_write_speed(ex_, probe_.profile, *speeds, settings_.requested_speed,
                              settings_.requested_rotation_pure_cav);
    if (!r) return std::unexpected(r.error());
    return {};
}

Result<void> BurnRun::reserve_track(std::uint32_t blocks) { return recorder::reserve_track(ex_, blocks); }

Result<void> BurnRun::synchronize_cache() {
    if (auto r = recorder::synchronize_cache(ex_, true); !r) return r;
    return wait_for_drive(WriteAction::Finalization);
}

Result<void> BurnRun::close(std::uint8_t function, std::uint16_t track) {
    if (auto r = close_track_session(ex_, function, track, true); !r) return r;
    return wait_for_drive(WriteAction::Finalization);
}

Result<void> BurnRun::blank_minimal() {
    if (auto r = recorder::blank(ex_, 1, true); !r) return r;
    return wait_for_drive(WriteAction::FormattingMedia);
}

Result<std::uint32_t> BurnRun::formattable_blocks() {
    auto caps = read_format_capacities(ex_);
    if (!caps) return std::unexpected(caps.error());
    std::uint32_t best = caps->current_blocks;
    for (const auto& f : caps->formattable) best = std::max(best, f.blocks);
    return best;
}

Result<void> BurnRun::format_for_writing() {
    if (probe_.profile == scsi::mmc_profile::dvd_plus_rw) {
        // DVD+RW: format type 26h for the whole disc, in the background (growisofs,
        // dvd+rw-format); Restart continues a format that was stopped.
        const FormatDescriptor d{0xFFFF'FFFF, 0x26, probe_.background_format == 1 ? 1u : 0u};
        if (auto r = format_unit(ex_, d, 0, true, false); !r) return r;
        return wait_for_drive(WriteAction::FormattingMedia);
    }
    // BD-RE and others: the drive's own default descriptor (type 00h) from READ FORMAT
    // CAPACITIES, as libburn's mmc_format_unit copies it; FOV and Immed.
    auto caps = read_format_capacities(ex_);
    if (!caps) return std::unexpected(caps.error());
    for (const auto& f : caps->formattable) {
        if (f.type != 0x00) continue;
        if (auto r = format_unit(ex_, f, 0, true, true); !r) return r;
        return wait_for_drive(WriteAction::FormattingMedia);
    }
    return fail(hr::media_not_formatted, "the drive lists no format for this medium");
}

void BurnRun::calibrate_power() {
    // Optional: a drive without OPC support (or one that calibrates on its own) refuses it.
    (void)send_opc(ex_);
}

void BurnRun::read_buffer_capacity(WriteProgress& p) {
    auto b = recorder::read_buffer_capacity(ex_);
    if (!b) return;
    p.drive_buffer_bytes = b->length;
    p.drive_buffer_free_bytes = b->blank;
}

Result<void> BurnRun::finish() {
    emit(WriteAction::Finalization);
    if (auto r = synchronize_cache(); !r) return r;
    const bool plus_dl = probe_.profile == scsi::mmc_profile::dvd_plus_r_dl;
    switch (probe_.medium) {
    case MediumClass::Cd:
        // libburn since 0.7.4: the session is closed without closing the track first.
        return close(close_session, 0);
    case MediumClass::DvdMinus:
        if (dao_) return {}; // the drive completes a DAO disc when its reserved track is full
        if (auto r = close(close_track, probe_.track); !r) return r;
        return close(close_session, 0);
    case MediumClass::DvdPlus:
    case MediumClass::BdR:
        if (auto r = close(close_track, probe_.track); !r) return r;
        if (!settings_.force_media_to_be_closed) return close(close_session, 0);
        // Finalize: DVD+R with minimal radius (libburn), DVD+R DL and BD-R 110b.
        return close(probe_.medium == MediumClass::DvdPlus && !plus_dl ? finalize_minimal_radius : finalize, 0);
    case MediumClass::RandomAccess:
        // DVD+RW formatted in the background: CLOSE SESSION completes the format (growisofs).
        if (probe_.profile == scsi::mmc_profile::dvd_plus_rw &&
            (probe_.background_format == 1 || probe_.background_format == 2))
            return close(close_session, 0);
        return {};
    case MediumClass::Unsupported: break;
    }
    return {};
}

std::string BurnRun::leave_consistent() {
    if (!data_written_) return {};
    const std::uint32_t sectors = next_lba_ - start_lba_;
    std::string what =
        fmt::format("{} {} sectors ({:.1f} MiB) at LBA {}-{}", settings_.test_write ? "simulated" : "wrote", sectors,
                    static_cast<double>(sectors) * block_bytes / (1024.0 * 1024), start_lba_, next_lba_ - 1);
    // Each step is tried whatever the one before did; the text says what took.
    auto step = [&](const Result<void>& r, std::string_view done) {
        what += r ? fmt::format(", {}", done) : fmt::format(", {} failed ({})", done, r.error().name());
    };
    step(synchronize_cache(), "synchronized the cache");
    switch (probe_.medium) {
    case MediumClass::Cd: step(close(close_session, 0), "closed the session"); break;
    case MediumClass::DvdMinus:
        if (dao_) {
            what += ", left the disc-at-once track as it is (it cannot be closed short of its reservation)";
            break;
        }
        step(close(close_track, probe_.track), "closed the track");
        step(close(close_session, 0), "closed the session");
        break;
    case MediumClass::DvdPlus:
    case MediumClass::BdR:
        step(close(close_track, probe_.track), "closed the track");
        step(close(close_session, 0), "closed the session");
        break;
    case MediumClass::RandomAccess:
        // Stop a background format where it is; FORMAT with Restart continues it later.
        if (probe_.profile == scsi::mmc_profile::dvd_plus_rw && probe_.background_format == 2)
            step(close(stop_background_format, 0), "stopped the background format");
        break;
    case MediumClass::Unsupported: break;
    }
    return what;
}

} // namespace spindle::recorder
