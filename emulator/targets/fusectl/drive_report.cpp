#include "emulator/targets/fusectl/drive_report.hpp"

#include "emulator/drive/command_table.hpp"
#include "emulator/faults/fault_rule.hpp"
#include "emulator/media/msf.hpp"
#include "emulator/media/presets.hpp"

#include <algorithm>
#include <cerrno>
#include <fmt/format.h>
#include <vector>

namespace spindle::fusectl {

namespace {

std::string_view disc_status_name(DiscStatus s) {
    switch (s) {
    case DiscStatus::Empty: return "blank";
    case DiscStatus::Incomplete: return "appendable";
    case DiscStatus::Complete: return "closed";
    case DiscStatus::Other: return "other";
    }
    return "other";
}

double seconds(Duration d) { return std::chrono::duration<double>(d).count(); }

// "playing at 00:04:12" ...: CD audio the drive plays, as READ SUB-CHANNEL reports it.
std::string audio_text(const DriveState& s) {
    const AudioStatus st = audio::status(s);
    if (st == AudioStatus::NoStatus) return {};
    const Msf at = lba_to_msf(audio::current_block(s));
    const std::string_view what = st == AudioStatus::Playing     ? "playing"
                                  : st == AudioStatus::Paused    ? "paused"
                                  : st == AudioStatus::Completed ? "completed"
                                                                 : "stopped by an error";
    return fmt::format("audio: {} at {:02}:{:02}:{:02}\n", what, at.m, at.s, at.f);
}

} // namespace

std::string tray_text(const DriveState& s) {
    if (s.tray_open) return "open\n";
    return s.removal_prevented() ? "locked\n" : "closed\n";
}

std::string medium_text(const DriveState& s) {
    if (!s.medium) return std::string(no_medium_preset) + "\n";
    const Disc& d = s.medium->disc;
    std::string out = fmt::format("type: {}\n", d.type().name);
    out += fmt::format("status: {}\n", d.random_access() ? std::string_view("formatted") : disc_status_name(d.status));
    out += fmt::format("sessions: {}\ntracks: {}\n", d.session_count(), d.last_track_number());
    out += fmt::format("capacity: {}\n", d.capacity_blocks);
    const auto last = d.last_recorded_lba();
    out += fmt::format("recorded: {}\n", last ? *last + 1 : 0);
    if (s.tray_open) out += "on the open tray\n";
    return out + audio_text(s);
}

std::string state_text(const DriveState& s) {
    if (s.tray_open) return "tray-open\n";
    if (!s.medium) return "no-medium\n";
    const auto& c = s.condition;
    std::string out(faults::medium_condition_name(c.kind));
    const auto now = s.now();
    if (c.kind != MediumCondition::Ready && c.until > now && c.until != DriveTime::max())
        out += fmt::format(" {:.3f}s", seconds(c.until - now));
    if (c.kind == MediumCondition::Ready && s.stopped) out += " stopped";
    return out + "\n";
}

std::string stats_text(const DriveStats& st) {
    std::string out =
        fmt::format("commands: {}\ngood: {}\ncheck_condition: {}\nother_status: {}\n"
                    "data_in_bytes: {}\ndata_out_bytes: {}\n",
                    st.commands, st.good, st.check_conditions, st.other_status, st.data_in_bytes, st.data_out_bytes);
    for (std::size_t op = 0; op < st.per_opcode.size(); ++op) {
        if (st.per_opcode[op] == 0) continue;
        const auto name = faults::opcode_name(static_cast<std::uint8_t>(op));
        out +=
            fmt::format("opcode {:02X}h {}: {}\n", op, name.empty() ? std::string_view("?") : name, st.per_opcode[op]);
    }
    return out;
}

LogCursor oldest_log_cursor(ServedDrive& drive) {
    LogCursor c;
    drive.with([&](Drive& d) {
        const auto& entries = d.faults().log().entries();
        c.command = entries.empty() ? d.faults().log().next_sequence() : entries.front().sequence;
    });
    const auto events = drive.events_after(0);
    c.event = events.empty() ? drive.event_count() + 1 : events.front().id;
    return c;
}

std::string log_text(ServedDrive& drive, LogCursor& cursor) {
    std::vector<faults::LogEntry> commands;
    drive.with([&](Drive& d) {
        for (const auto& e : d.faults().log().entries())
            if (e.sequence >= cursor.command) commands.push_back(e);
    });
    const auto events = drive.events_after(cursor.event - 1);
    std::string out;
    std::size_t ev = 0;
    for (const auto& e : commands) {
        for (; ev < events.size() && events[ev].before_command <= e.sequence; ++ev)
            out += fmt::format("-- {:.6f}s {}\n", seconds(events[ev].time), events[ev].what);
        out += faults::to_string(e) + "\n";
        cursor.command = e.sequence + 1;
    }
    for (; ev < events.size(); ++ev) // after the last command
        out += fmt::format("-- {:.6f}s {}\n", seconds(events[ev].time), events[ev].what);
    if (ev > 0) cursor.event = events[ev - 1].id + 1;
    return out;
}

std::uint64_t disc_image_size(const DriveState& s) {
    if (!s.medium) return 0;
    const Disc& d = s.medium->disc;
    if (d.random_access()) return std::uint64_t{d.capacity_blocks} * BlockStore::block_size;
    const auto last = d.last_recorded_lba();
    return last ? (std::uint64_t{*last} + 1) * BlockStore::block_size : 0;
}

namespace {

// `out.size()` bytes (fewer at `size`) from byte `offset` of a store of `block`-byte blocks
// that `read_blocks(lba, buffer)` reads whole.
template <typename ReadBlocks>
long read_extent(std::uint64_t size, std::uint64_t block, std::uint64_t offset, std::span<std::uint8_t> out,
                 ReadBlocks read_blocks) {
    if (offset >= size || out.empty()) return 0;
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), size - offset));
    const std::uint64_t first = offset / block;
    const std::uint64_t end = (offset + n + block - 1) / block;
    std::vector<std::uint8_t> blocks(static_cast<std::size_t>((end - first) * block));
    if (!read_blocks(static_cast<std::uint32_t>(first), std::span<std::uint8_t>(blocks))) return -EIO;
    const auto skip = static_cast<std::ptrdiff_t>(offset - first * block);
    std::copy_n(blocks.begin() + skip, n, out.begin());
    return static_cast<long>(n);
}

} // namespace

long read_disc_image(const DriveState& s, std::uint64_t offset, std::span<std::uint8_t> out) {
    return read_extent(disc_image_size(s), BlockStore::block_size, offset, out,
                       [&](std::uint32_t lba, std::span<std::uint8_t> b) { return s.medium->store->read(lba, b); });
}

std::uint64_t disc_audio_size(const DriveState& s) {
    if (!s.medium) return 0;
    std::uint64_t end = 0;
    for (const Track& t : s.medium->disc.tracks)
        if (t.whole_sectors() && !t.blank()) end = t.readable_end(); // audio, and Mode 2 sectors
    return end * BlockStore::audio_block_size;
}

long read_disc_audio(const DriveState& s, std::uint64_t offset, std::span<std::uint8_t> out) {
    return read_extent(
        disc_audio_size(s), BlockStore::audio_block_size, offset, out,
        [&](std::uint32_t lba, std::span<std::uint8_t> b) { return s.medium->store->read_audio(lba, b); });
}

} // namespace spindle::fusectl
