#include "power_loss/burner.hpp"

#include "crash/crash_protocol.hpp"
#include "crash/disc_plausibility.hpp"
#include "emulator/media/medium_files.hpp"
#include "scsi/cdb_read.hpp"

#include <fmt/format.h>

#include <chrono>

namespace spindle::test {

namespace {

// A restarted drive finds no background format running (open_medium).
Disc as_reloaded(Disc d) {
    if (d.background_format == BackgroundFormat::Running) d.background_format = BackgroundFormat::Incomplete;
    return d;
}

// Whether `got`, block `lba` of `size` bytes kept at byte `offset` of its file, holds one of
// `stamps` in every piece between the file's sector boundaries (a torn write mixes two).
bool holds(std::span<const std::uint8_t> got, std::uint32_t lba, const std::set<std::uint64_t>& stamps,
           std::uint64_t offset) {
    std::vector<std::vector<std::uint8_t>> candidates;
    for (auto s : stamps) {
        candidates.emplace_back(got.size());
        crash::fill_block(candidates.back(), lba, s);
    }
    for (std::size_t at = 0; at < got.size();) {
        const auto end = static_cast<std::size_t>(std::min<std::uint64_t>(
            (offset + at) / MemoryStorage::sector * MemoryStorage::sector + MemoryStorage::sector - offset,
            got.size()));
        const bool any = std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) {
            return std::equal(got.begin() + static_cast<std::ptrdiff_t>(at),
                              got.begin() + static_cast<std::ptrdiff_t>(end),
                              c.begin() + static_cast<std::ptrdiff_t>(at));
        });
        if (!any) return false;
        at = end;
    }
    return true;
}

std::vector<std::uint8_t> read_cdb(bool audio, std::uint32_t lba) {
    // READ CD of one CD-DA sector's user data (expected sector type 001b), or READ(10).
    if (audio)
        return as_vector(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), 1, scsi::cdb::read_cd_main::user_data, 1));
    return as_vector(scsi::cdb::read10(lba, 1));
}

} // namespace

std::vector<std::string> check_after_power_on(MemoryStorage& storage, const Owed& owed,
                                              const std::vector<Disc>& layouts, unsigned& lost_blocks) {
    auto m = open_medium(power_loss_image, storage);
    if (!m) return {"the disc does not load: " + m.error()};
    TestDrive t;
    t.drive.load(std::move(*m));
    bool ready = false;
    for (int i = 0; i < 100 && !ready; ++i, t.clock.advance(std::chrono::seconds(1)))
        ready = t.run(scsi::cdb::test_unit_ready()).good();
    if (!ready) return {"the drive does not become ready on the disc"};
    const Disc& d = t.drive.state().medium->disc;
    std::vector<std::string> out;
    for (auto& what : crash::implausible(d)) out.push_back("implausible layout: " + what);
    unsigned closed = 0;
    for (const auto& track : d.tracks) closed += track.closed && !d.random_access() ? 1u : 0u;
    const unsigned sessions = d.random_access() ? 0 : d.complete_session_count();
    if (closed < owed.floors.closed_tracks)
        out.push_back(fmt::format("{} closed tracks; {} were acknowledged", closed, owed.floors.closed_tracks));
    if (sessions < owed.floors.complete_sessions)
        out.push_back(
            fmt::format("{} complete sessions; {} were acknowledged", sessions, owed.floors.complete_sessions));
    if (owed.floors.formatted && !d.formatted) out.push_back("the acknowledged format is gone");
    const bool known = std::any_of(layouts.begin() + static_cast<std::ptrdiff_t>(owed.layout_floor), layouts.end(),
                                   [&](const Disc& l) { return as_reloaded(l) == d; });
    if (!known) out.push_back("the layout is none the drive had since its last acknowledged change");
    for (const bool audio : {false, true}) {
        const std::size_t size = audio ? BlockStore::audio_block_size : BlockStore::block_size;
        for (const auto& [lba, stamps] : audio ? owed.audio : owed.blocks) {
            const auto r = t.run(read_cdb(audio, lba), size);
            if (r.good() && r.data.size() == size && holds(r.data, lba, stamps, std::uint64_t{lba} * size)) continue;
            ++lost_blocks;
            if (out.size() < 8)
                out.push_back(fmt::format("{} block {} (acknowledged, flushed) {}", audio ? "audio" : "data", lba,
                                          r.good() ? "holds other data" : "does not read: " + r.sense()));
        }
    }
    return out;
}

} // namespace spindle::test
