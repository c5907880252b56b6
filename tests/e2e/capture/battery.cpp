#include "battery.hpp"

#include "bridge/emu_name.hpp"

#include "emulator/media/media_type.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/cdb_read.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace spindle::test {

using namespace spindle::recorder;

namespace {

class Battery {
public:
    explicit Battery(BatteryDrive& d) : d_(d) {}

    void in(std::string name, std::span<const std::uint8_t> cdb, std::size_t length) {
        std::vector<std::uint8_t> buf(length);
        auto o = d_.ex().send_command_get_data_from_device(cdb, 10, buf);
        REQUIRE(o);
        buf.resize(o->bytes_fetched);
        keep(std::move(name), *o, std::move(buf));
    }
    void none(std::string name, std::span<const std::uint8_t> cdb) {
        auto o = d_.ex().send_command_no_data(cdb, 10);
        REQUIRE(o);
        keep(std::move(name), *o, {});
    }
    void out(std::string name, std::span<const std::uint8_t> cdb, std::span<const std::uint8_t> data) {
        auto o = d_.ex().send_command_send_data_to_device(cdb, 10, data);
        REQUIRE(o);
        keep(std::move(name), *o, {});
    }
    std::vector<Answer> answers;

private:
    void keep(std::string name, const CommandOutcome& o, std::vector<std::uint8_t> data) {
        Answer a{std::move(name), o.status, {}, std::move(data)};
        if (o.hr != hr::s_ok) a.sense.assign(o.sense.begin(), o.sense.end());
        answers.push_back(std::move(a));
    }
    BatteryDrive& d_;
};

// The whole medium at `read_kbps` / `write_kbps` (0: not asked for), N kB per 1000 ms.
auto streaming(std::uint32_t read_kbps, std::uint32_t write_kbps, bool exact) {
    return scsi::cdb::streaming_performance_descriptor({.exact = exact,
                                                        .end_lba = 0xFFFF'FFFF,
                                                        .read_size_kb = read_kbps,
                                                        .read_time_ms = read_kbps != 0 ? 1000u : 0u,
                                                        .write_size_kb = write_kbps,
                                                        .write_time_ms = write_kbps != 0 ? 1000u : 0u});
}

const auto set_streaming_cdb = scsi::cdb::set_streaming(scsi::StreamingPerformanceDescriptor::length);

void speed_commands(Battery& b, const DriveProfile& reference) {
    namespace cdb = scsi::cdb;
    const auto perf_read =
        cdb::get_performance(cdb::performance_type::performance, 8, cdb::performance_data_type(false));
    const auto perf_write =
        cdb::get_performance(cdb::performance_type::performance, 8, cdb::performance_data_type(true));
    b.in("GET PERFORMANCE 03h", cdb::get_performance(cdb::performance_type::write_speed, 64), 8 + 64 * 16);
    b.in("GET PERFORMANCE 00h read", perf_read, 8 + 8 * 16);
    b.in("GET PERFORMANCE 00h write", perf_write, 8 + 8 * 16);
    // Each speed the source knows for any medium, asked for exactly and then selected.
    std::vector<std::uint32_t> all;
    for (const auto& [p, s] : reference.speeds) {
        all.insert(all.end(), s.read.begin(), s.read.end());
        all.insert(all.end(), s.write.begin(), s.write.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    for (const auto kbps : all) {
        b.out(fmt::format("SET STREAMING exact read {}", kbps), set_streaming_cdb, streaming(kbps, 0, true));
        b.in(fmt::format("GET PERFORMANCE 00h read after {}", kbps), perf_read, 8 + 8 * 16);
        b.out(fmt::format("SET STREAMING exact write {}", kbps), set_streaming_cdb, streaming(0, kbps, true));
        b.in(fmt::format("GET PERFORMANCE 00h write after {}", kbps), perf_write, 8 + 8 * 16);
        b.out(fmt::format("SET STREAMING write {}", kbps - 1), set_streaming_cdb, streaming(0, kbps - 1, false));
        b.in(fmt::format("GET PERFORMANCE 00h write after {}", kbps - 1), perf_write, 8 + 8 * 16);
    }
    b.none("SET CD SPEED slowest", cdb::set_cd_speed(1, 1));
    b.in("GET PERFORMANCE 00h read, slowest", perf_read, 8 + 8 * 16);
    b.in("GET PERFORMANCE 00h write, slowest", perf_write, 8 + 8 * 16);
    b.none("SET CD SPEED fastest", cdb::set_cd_speed(scsi::SetCdSpeedCdb::maximum, scsi::SetCdSpeedCdb::maximum));
}

} // namespace

BatteryDrive::BatteryDrive(const DriveProfile& profile, const std::optional<std::string>& preset) {
    device = std::make_shared<EmulatedDevice>(profile, ClockKind::Virtual);
    if (preset) {
        auto loaded = load_preset(*device, *preset);
        if (!loaded) throw std::runtime_error(loaded.error().to_string());
    }
    device->virtual_clock()->advance(profile.timings.becoming_ready + profile.timings.spin_up);
    auto t = EmulatedTransport::open(device);
    if (!t) throw std::runtime_error(t.error().to_string());
    auto r = DiscRecorder::attach(std::move(*t));
    if (!r) throw std::runtime_error(r.error().to_string());
    recorder = std::move(*r);
    // Unit attentions of the load are consumed before the battery, as a careful host does.
    for (int i = 0; i < 4; ++i) {
        auto o = ex().send_command_no_data(scsi::cdb::test_unit_ready(), 10);
        if (!o || o->hr == hr::s_ok || (o->sense[2] & 0x0F) != 0x6) break;
    }
}

std::vector<Answer> run_battery(BatteryDrive& drive, const DriveProfile& reference) {
    namespace cdb = scsi::cdb;
    using scsi::cdb::PageControl;
    Battery b(drive);
    b.none("TEST UNIT READY", cdb::test_unit_ready());
    b.in("INQUIRY", cdb::inquiry(0xFF), 0xFF);
    b.in("INQUIRY 36", cdb::inquiry(36), 36);
    for (const std::uint8_t page : std::array<std::uint8_t, 5>{0x00, 0x80, 0x83, 0x81, 0xB0})
        b.in(fmt::format("INQUIRY VPD {:02X}h", page), cdb::inquiry_vpd(page, 0xFF), 0xFF);

    b.in("GET CONFIGURATION RT 0", cdb::get_configuration(cdb::rt::all, 0, 0xFFF0), 0xFFF0);
    b.in("GET CONFIGURATION RT 1", cdb::get_configuration(cdb::rt::current, 0, 0xFFF0), 0xFFF0);
    b.in("GET CONFIGURATION RT 0 from 0100h", cdb::get_configuration(cdb::rt::all, 0x0100, 0xFFF0), 0xFFF0);
    std::vector<std::uint16_t> codes{0x0000};
    for (const auto& f : reference.features) codes.push_back(f.code);
    codes.push_back(0x0035); // one no profile lists here
    for (const auto code : codes)
        b.in(fmt::format("GET CONFIGURATION RT 2 {:04X}h", code), cdb::get_configuration(cdb::rt::one, code, 0x1000),
             0x1000);

    for (std::uint8_t pc = 0; pc < 4; ++pc) {
        const auto control = static_cast<PageControl>(pc);
        b.in(fmt::format("MODE SENSE(10) 3Fh PC {}", pc), cdb::mode_sense10(cdb::all_mode_pages, control, 0xFFF0),
             0xFFF0);
        b.in(fmt::format("MODE SENSE(6) 3Fh PC {}", pc), cdb::mode_sense6(cdb::all_mode_pages, control, 0xFF), 0xFF);
        for (std::uint8_t page = 0x01; page < cdb::all_mode_pages; ++page)
            b.in(fmt::format("MODE SENSE(10) {:02X}h PC {}", page, pc), cdb::mode_sense10(page, control, 0x1000),
                 0x1000);
    }

    b.in("READ BUFFER CAPACITY", cdb::read_buffer_capacity(12), 12);
    b.in("READ BUFFER CAPACITY block", cdb::read_buffer_capacity(12, true), 12);
    b.in("READ DISC INFORMATION", cdb::read_disc_information(34), 34);
    b.in("READ TRACK INFORMATION FFh",
         cdb::read_track_information(cdb::track_address::track, cdb::track_address::invisible_track, 48), 48);
    b.in("READ TRACK INFORMATION 1", cdb::read_track_information(cdb::track_address::track, 1, 48), 48);
    b.in("READ CAPACITY", cdb::read_capacity(), 8);
    b.in("READ TOC 0", cdb::read_toc(cdb::toc_format::toc, 0, 0x324), 0x324);
    b.in("READ FORMAT CAPACITIES", cdb::read_format_capacities(0x100), 0x100);
    b.in("GET EVENT STATUS NOTIFICATION media", cdb::get_event_status_notification(cdb::event_class::media, 8), 8);
    b.in("READ DVD STRUCTURE 00h", cdb::read_disc_structure(0x00, 0x804), 0x804);
    speed_commands(b, reference);
    b.in("MODE SENSE(10) 2Ah after speeds", cdb::mode_sense10(0x2A, PageControl::Current, 0x1000), 0x1000);
    b.in("REQUEST SENSE", cdb::request_sense(18), 18);
    return b.answers;
}

std::string differences(const std::vector<Answer>& a, const std::vector<Answer>& b) {
    std::string out;
    if (a.size() != b.size()) out += fmt::format("{} answers against {}; ", a.size(), b.size());
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i]) out += fmt::format("{}; ", a[i].command);
    return out;
}

std::optional<std::string> preset_for(std::uint16_t profile, const std::string& rom_image) {
    namespace p = mmc_profile;
    switch (profile) {
    case p::cd_rom: return "cd-rom from " + rom_image;
    case p::dvd_rom: return "dvd-rom from " + rom_image;
    case p::bd_rom: return "bd-rom from " + rom_image;
    case p::cd_r: return "blank cd-r";
    case p::cd_rw: return "blank cd-rw";
    case p::dvd_minus_r: return "blank dvd-r";
    case p::dvd_minus_r_dl_sequential: return "blank dvd-r-dl";
    case p::dvd_minus_rw_sequential: return "blank dvd-rw";
    case p::dvd_minus_rw_restricted: return "formatted dvd-rw-ro";
    case p::dvd_plus_r: return "blank dvd+r";
    case p::dvd_plus_r_dl: return "blank dvd+r-dl";
    case p::dvd_plus_rw: return "formatted dvd+rw";
    case p::dvd_ram: return "formatted dvd-ram";
    case p::bd_r_srm: return "blank bd-r";
    case p::bd_re: return "formatted bd-re";
    default: return std::nullopt; // BD-R RRM, DVD-R DL layer jump, vendor and unknown profiles
    }
}

} // namespace spindle::test
