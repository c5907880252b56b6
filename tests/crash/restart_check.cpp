#include "crash/restart_check.hpp"

#include "crash/crash_protocol.hpp"
#include "crash/disc_plausibility.hpp"
#include "emulator/drive/drive.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "scsi/cdb_read.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace spindle::crash {

namespace {

Completion send(Drive& drive, std::span<const std::uint8_t> cdb, std::span<std::uint8_t> in = {}) {
    return drive.execute(Command{cdb, {}, in});
}

bool settle(Drive& drive, VirtualClock& clock) {
    for (int i = 0; i < 60; ++i) {
        clock.advance(std::chrono::seconds(2));
        if (send(drive, scsi::cdb::test_unit_ready()).good()) return true;
    }
    return false;
}

std::string sense_text(const Completion& c) { return c.sense.code_text(); }

// Reads each owed block and compares it with the writes that may have put it there.
void check_blocks(Drive& drive, const CrashModel& model, std::vector<std::string>& out, CheckFigures& figures) {
    std::vector<std::uint8_t> block(block_size), expected(block_size);
    for (const auto& [lba, stamps] : model.durable()) {
        ++figures.blocks_checked;
        const auto c = send(drive, scsi::cdb::read10(lba, 1), block);
        if (!c.good()) {
            out.push_back(fmt::format("block {} (flushed) does not read: {}", lba, sense_text(c)));
            if (out.size() > 20) return;
            continue;
        }
        const std::uint64_t stamp = stamp_of(block);
        bool match = false;
        if (stamps.contains(stamp)) {
            fill_block(expected, lba, stamp);
            match = block == expected;
        }
        if (!match) {
            std::string owed;
            for (auto s : stamps) owed += fmt::format(" {}", s);
            out.push_back(fmt::format("block {} (flushed) holds {} instead of the write stamped{}", lba,
                                      stamp == 0 ? std::string("zeros") : fmt::format("stamp {}", stamp), owed));
            if (out.size() > 20) return;
        }
    }
}

// The layout in one line, for a violation's report: the last tracks only.
std::string describe(const Disc& d) {
    std::string s =
        fmt::format("{} of {} blocks, status {}, last session {}, formatted {}, background format {}, "
                    "{} tracks:",
                    d.type().name, d.capacity_blocks, static_cast<int>(d.status), static_cast<int>(d.last_session),
                    d.formatted, static_cast<int>(d.background_format), d.tracks.size());
    const std::size_t from = d.tracks.size() > 4 ? d.tracks.size() - 4 : 0;
    for (std::size_t i = from; i < d.tracks.size(); ++i) {
        const Track& t = d.tracks[i];
        s += fmt::format(" [#{} s{} {}+{} recorded {}{}{}{}]", t.number, t.session, t.start, t.size, t.recorded,
                         t.closed ? " closed" : "", t.invisible ? " invisible" : "", t.reserved ? " reserved" : "");
    }
    return s;
}

} // namespace

std::vector<std::string> check_after_restart(const std::filesystem::path& image, const CrashModel& model,
                                             CheckFigures& figures) {
    std::vector<std::string> out;
    figures.layout.clear();
    const Floors& floors = model.floors();
    if (!medium_exists(image)) { // killed while the disc was first made: nothing acknowledged yet
        if (!model.durable().empty() || floors.closed_tracks > 0 || floors.formatted)
            out.push_back("the disc's metadata file is gone");
        return out;
    }
    auto medium = open_medium(image);
    if (!medium) return {"the kept disc does not load: " + medium.error()};
    VirtualClock clock;
    Drive drive(default_profile(), clock);
    drive.load(std::move(*medium));
    if (!settle(drive, clock)) return {"the restarted drive does not become ready"};
    const Disc& d = drive.state().medium->disc;
    for (auto& what : implausible(d)) out.push_back("implausible layout: " + what);

    unsigned closed = 0;
    for (const auto& t : d.tracks) closed += t.closed && !d.random_access() ? 1u : 0u;
    const unsigned sessions = d.random_access() ? 0 : d.complete_session_count();
    if (closed < floors.closed_tracks)
        out.push_back(fmt::format("{} closed tracks; {} were acknowledged", closed, floors.closed_tracks));
    if (sessions < floors.complete_sessions)
        out.push_back(fmt::format("{} complete sessions; {} were acknowledged", sessions, floors.complete_sessions));
    if (floors.formatted && !d.formatted) out.push_back("the acknowledged format is gone");
    check_blocks(drive, model, out, figures);
    figures.layout = describe(d);
    return out;
}

} // namespace spindle::crash
