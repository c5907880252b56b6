#include "battery.hpp"

#include "bridge/emu_name.hpp"

#include "emulator/media/media_type.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace spindle::test {

using namespace spindle::recorder;

namespace {

std::uint8_t hi(std::size_t v) { return static_cast<std::uint8_t>((v >> 8) & 0xFF); }
std::uint8_t lo(std::size_t v) { return static_cast<std::uint8_t>(v & 0xFF); }

class Battery {
public:
    explicit Battery(BatteryDrive& d) : d_(d) {}

    void in(std::string name, std::vector<std::uint8_t> cdb, std::size_t length) {
        std::vector<std::uint8_t> buf(length);
        auto o = d_.ex().send_command_get_data_from_device(cdb, 10, buf);
        REQUIRE(o);
        buf.resize(o->bytes_fetched);
        keep(std::move(name), *o, std::move(buf));
    }
    void none(std::string name, std::vector<std::uint8_t> cdb) {
        auto o = d_.ex().send_command_no_data(cdb, 10);
        REQUIRE(o);
        keep(std::move(name), *o, {});
    }
    void out(std::string name, std::vector<std::uint8_t> cdb, std::vector<std::uint8_t> data) {
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

std::vector<std::uint8_t> streaming(std::uint32_t read_kbps, std::uint32_t write_kbps, bool exact) {
    std::vector<std::uint8_t> d(28, 0);
    d[0] = exact ? 0x02 : 0x00;
    auto put = [&](std::size_t at, std::uint32_t v) {
        for (std::size_t i = 0; i < 4; ++i) d[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    };
    put(8, 0xFFFFFFFF);
    put(12, read_kbps);
    put(16, read_kbps != 0 ? 1000 : 0);
    put(20, write_kbps);
    put(24, write_kbps != 0 ? 1000 : 0);
    return d;
}

const std::vector<std::uint8_t> set_streaming_cdb{0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 0};

void speed_commands(Battery& b, const DriveProfile& reference) {
    const std::vector<std::uint8_t> perf_read{0xAC, 0x10, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0};
    const std::vector<std::uint8_t> perf_write{0xAC, 0x14, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0};
    b.in("GET PERFORMANCE 03h", {0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0x03, 0}, 8 + 64 * 16);
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
    b.none("SET CD SPEED slowest", {0xBB, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0});
    b.in("GET PERFORMANCE 00h read, slowest", perf_read, 8 + 8 * 16);
    b.in("GET PERFORMANCE 00h write, slowest", perf_write, 8 + 8 * 16);
    b.none("SET CD SPEED fastest", {0xBB, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0});
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
    const std::array<std::uint8_t, 6> tur{};
    for (int i = 0; i < 4; ++i) {
        auto o = ex().send_command_no_data(tur, 10);
        if (!o || o->hr == hr::s_ok || (o->sense[2] & 0x0F) != 0x6) break;
    }
}

std::vector<Answer> run_battery(BatteryDrive& drive, const DriveProfile& reference) {
    Battery b(drive);
    b.none("TEST UNIT READY", {0, 0, 0, 0, 0, 0});
    b.in("INQUIRY", {0x12, 0, 0, 0, 0xFF, 0}, 0xFF);
    b.in("INQUIRY 36", {0x12, 0, 0, 0, 36, 0}, 36);
    for (const std::uint8_t page : std::array<std::uint8_t, 5>{0x00, 0x80, 0x83, 0x81, 0xB0})
        b.in(fmt::format("INQUIRY VPD {:02X}h", page), {0x12, 1, page, 0, 0xFF, 0}, 0xFF);

    b.in("GET CONFIGURATION RT 0", {0x46, 0, 0, 0, 0, 0, 0, 0xFF, 0xF0, 0}, 0xFFF0);
    b.in("GET CONFIGURATION RT 1", {0x46, 1, 0, 0, 0, 0, 0, 0xFF, 0xF0, 0}, 0xFFF0);
    b.in("GET CONFIGURATION RT 0 from 0100h", {0x46, 0, 1, 0, 0, 0, 0, 0xFF, 0xF0, 0}, 0xFFF0);
    std::vector<std::uint16_t> codes{0x0000};
    for (const auto& f : reference.features) codes.push_back(f.code);
    codes.push_back(0x0035); // one no profile lists here
    for (const auto code : codes)
        b.in(fmt::format("GET CONFIGURATION RT 2 {:04X}h", code), {0x46, 2, hi(code), lo(code), 0, 0, 0, 0x10, 0, 0},
             0x1000);

    for (std::uint8_t pc = 0; pc < 4; ++pc) {
        const auto pcb = static_cast<std::uint8_t>(pc << 6);
        b.in(fmt::format("MODE SENSE(10) 3Fh PC {}", pc),
             {0x5A, 0x08, static_cast<std::uint8_t>(pcb | 0x3F), 0, 0, 0, 0, 0xFF, 0xF0, 0}, 0xFFF0);
        b.in(fmt::format("MODE SENSE(6) 3Fh PC {}", pc),
             {0x1A, 0x08, static_cast<std::uint8_t>(pcb | 0x3F), 0, 0xFF, 0}, 0xFF);
        for (std::uint8_t page = 0x01; page < 0x3F; ++page)
            b.in(fmt::format("MODE SENSE(10) {:02X}h PC {}", page, pc),
                 {0x5A, 0x08, static_cast<std::uint8_t>(pcb | page), 0, 0, 0, 0, 0x10, 0, 0}, 0x1000);
    }

    b.in("READ BUFFER CAPACITY", {0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0}, 12);
    b.in("READ BUFFER CAPACITY block", {0x5C, 1, 0, 0, 0, 0, 0, 0, 12, 0}, 12);
    b.in("READ DISC INFORMATION", {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34);
    b.in("READ TRACK INFORMATION FFh", {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, 48);
    b.in("READ TRACK INFORMATION 1", {0x52, 1, 0, 0, 0, 1, 0, 0, 48, 0}, 48);
    b.in("READ CAPACITY", {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8);
    b.in("READ TOC 0", {0x43, 0, 0, 0, 0, 0, 0, 0x03, 0x24, 0}, 0x324);
    b.in("READ FORMAT CAPACITIES", {0x23, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0}, 0x100);
    b.in("GET EVENT STATUS NOTIFICATION media", {0x4A, 1, 0, 0, 0x10, 0, 0, 0, 8, 0}, 8);
    b.in("READ DVD STRUCTURE 00h", {0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0}, 0x804);
    speed_commands(b, reference);
    b.in("MODE SENSE(10) 2Ah after speeds", {0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0x10, 0, 0}, 0x1000);
    b.in("REQUEST SENSE", {0x03, 0, 0, 0, 18, 0}, 18);
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
