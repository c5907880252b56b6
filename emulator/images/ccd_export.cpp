#include "emulator/images/ccd_export.hpp"

#include "emulator/media/cd_block_q.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "emulator/media/pw_channels.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace spindle {

namespace {

constexpr std::uint32_t chunk_blocks = 64;
constexpr std::uint64_t sector_bytes = cd::raw_sector_bytes, sub_bytes = cd::pw_bytes;

// A run of blocks of the .img that are alike: those a track reads, or those of a pause before
// it (`pause`: index 0), or its run-out, which none reads.
struct Segment {
    std::uint32_t first, end;
    const Track* track;
    bool readable, pause;
};

// One session's blocks from `base` (its first block in the .img) to its last track's end.
std::vector<Segment> segments_of(std::span<const Track* const> tracks, std::uint32_t base) {
    std::vector<Segment> out;
    std::uint32_t cursor = base;
    for (const Track* t : tracks) {
        if (cursor < t->start) out.push_back({cursor, t->start, t, false, true});
        if (t->readable_end() > t->start) out.push_back({t->start, t->readable_end(), t, true, false});
        if (t->end() > t->readable_end()) out.push_back({t->readable_end(), t->end(), t, false, false});
        cursor = t->end();
    }
    return out;
}

// A sector no track reads, as a pause holds it: silence, or zeros in the track's mode.
void pause_sector(const Track& t, std::uint32_t lba, cd::RawSector& sector) {
    static constexpr std::array<std::uint8_t, cd::mode2_bytes> zeros{};
    if (t.audio())
        sector.fill(0);
    else if (t.mode2())
        cd::encode_mode2_formless(static_cast<std::int32_t>(lba), zeros, sector);
    else
        cd::encode_mode1(static_cast<std::int32_t>(lba), std::span(zeros).first(cd::user_bytes), sector);
}

std::string io_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// The main channel of `s` into the .img at byte `at`.
std::expected<void, std::string> write_sectors(BlockStore& store, const Segment& s, int fd, std::uint64_t at,
                                               const std::function<void(std::uint64_t)>& progress) {
    if (s.readable && s.track->whole_sectors()) return copy_blocks(store, s.first, s.end, true, fd, at, progress);
    std::vector<std::uint8_t> user(std::size_t{chunk_blocks} * cd::user_bytes);
    std::vector<std::uint8_t> out(std::size_t{chunk_blocks} * sector_bytes);
    cd::RawSector sector;
    for (std::uint32_t lba = s.first; lba < s.end;) {
        const std::uint32_t n = std::min(chunk_blocks, s.end - lba);
        if (s.readable && !store.read(lba, std::span(user).first(std::size_t{n} * cd::user_bytes)))
            return std::unexpected(fmt::format("blocks {} to {} did not read", lba, lba + n - 1));
        for (std::uint32_t i = 0; i < n; ++i) {
            if (s.readable)
                cd::encode_mode1(static_cast<std::int32_t>(lba + i),
                                 std::span(user).subspan(std::size_t{i} * cd::user_bytes, cd::user_bytes), sector);
            else
                pause_sector(*s.track, lba + i, sector);
            std::copy(sector.begin(), sector.end(), out.begin() + static_cast<std::ptrdiff_t>(i * sector_bytes));
        }
        const std::uint64_t offset = at + std::uint64_t{lba - s.first} * sector_bytes;
        if (!file_io::write_fully(fd, out.data(), std::size_t{n} * sector_bytes, offset))
            return std::unexpected(io_error("cannot write at byte offset " + std::to_string(offset)));
        lba += n;
        if (progress) progress(std::uint64_t{lba - s.first} * sector_bytes);
    }
    return {};
}

// The P-W of `s` into the .sub at byte `at`: P and Q as READ CD makes them, R-W as recorded
// (`rw`: some track recorded them; else zeros, as in blocks no track reads: a drive reads
// nothing there).
std::expected<void, std::string> write_subchannels(const Disc& disc, BlockStore& store, const Segment& s, bool rw,
                                                   int fd, std::uint64_t at) {
    rw = rw && s.readable;
    std::vector<std::uint8_t> recorded(std::size_t{chunk_blocks} * sub_bytes);
    std::vector<std::uint8_t> out(std::size_t{chunk_blocks} * sub_bytes);
    for (std::uint32_t lba = s.first; lba < s.end;) {
        const std::uint32_t n = std::min(chunk_blocks, s.end - lba);
        if (rw && !store.read_rw(lba, std::span(recorded).first(std::size_t{n} * sub_bytes)))
            return std::unexpected(
                fmt::format("the R-W sub-channels of blocks {} to {} did not read", lba, lba + n - 1));
        for (std::uint32_t i = 0; i < n; ++i) {
            const auto block_rw = rw ? std::span<const std::uint8_t>(recorded).subspan(i * sub_bytes, sub_bytes)
                                     : std::span<const std::uint8_t>{};
            const auto by_symbol = cd::raw_pw(block_q(disc, s.track, s.pause, lba + i), s.pause, block_rw);
            const auto by_channel = cd::pw_by_channel(by_symbol);
            std::copy(by_channel.begin(), by_channel.end(), out.begin() + static_cast<std::ptrdiff_t>(i * sub_bytes));
        }
        const std::uint64_t offset = at + std::uint64_t{lba - s.first} * sub_bytes;
        if (!file_io::write_fully(fd, out.data(), std::size_t{n} * sub_bytes, offset))
            return std::unexpected(io_error("cannot write at byte offset " + std::to_string(offset)));
        lba += n;
    }
    return {};
}

// One [Entry] of the full TOC, ADR 1; `p` the PMin, PSec and PFrame bytes. xLBA is the MSF's
// LBA even where the field is no address (GNU ccd2cue manual).
std::string entry_text(std::size_t index, std::uint16_t session, std::uint8_t point, std::uint8_t control, Msf p) {
    return fmt::format("[Entry {}]\nSession={}\nPoint={:#04x}\nADR=0x01\nControl={:#04x}\nTrackNo=0\nAMin=0\n"
                       "ASec=0\nAFrame=0\nALBA=-150\nZero=0\nPMin={}\nPSec={}\nPFrame={}\nPLBA={}\n",
                       index, session, point, control, p.m, p.s, p.f, msf_to_lba(p.m, p.s, p.f));
}

} // namespace

std::expected<ExportedImage, std::string> export_ccd(const Disc& disc, BlockStore& store,
                                                     const std::filesystem::path& ccd, const ExportProgress& progress) {
    if (disc.family() != MediaFamily::Cd)
        return std::unexpected(std::string("a ") + std::string(disc.type().name) +
                               " is not a CD: a CloneCD image holds CD sessions");
    std::vector<const Track*> tracks;
    for (const auto& t : disc.tracks)
        if (!t.blank() && !t.invisible) tracks.push_back(&t);
    if (tracks.empty()) return std::unexpected(std::string("the disc has no recorded track to export"));
    const bool rw = std::any_of(tracks.begin(), tracks.end(), [](const Track* t) { return t->recorded_rw; });

    // The sessions: their tracks and their first block in the .img.
    struct Session {
        std::span<const Track* const> tracks;
        std::uint32_t base;
    };
    std::vector<Session> sessions;
    for (std::size_t i = 0; i < tracks.size();) {
        std::size_t j = i;
        while (j < tracks.size() && tracks[j]->session == tracks[i]->session) ++j;
        const std::uint32_t previous_end = sessions.empty() ? 0 : sessions.back().tracks.back()->end();
        const std::uint32_t base =
            sessions.empty() ? 0
                             : std::max(previous_end, tracks[i]->start - std::min(tracks[i]->start, cd_pregap_blocks));
        sessions.push_back({std::span(tracks).subspan(i, j - i), base});
        i = j;
    }
    std::uint64_t total = 0;
    for (const Session& s : sessions) total += std::uint64_t{s.tracks.back()->end() - s.base} * sector_bytes;

    PendingFiles files;
    ExportedImage out;
    const auto img_path = std::filesystem::path(ccd).replace_extension(".img");
    const auto sub_path = std::filesystem::path(ccd).replace_extension(".sub");
    out.files = {ccd, img_path, sub_path};
    const FileDescriptor img(files.create(img_path));
    if (img.get() < 0) return std::unexpected(io_error("cannot create " + img_path.string()));
    const FileDescriptor sub(files.create(sub_path));
    if (sub.get() < 0) return std::unexpected(io_error("cannot create " + sub_path.string()));

    std::uint64_t img_at = 0;
    for (const Session& s : sessions)
        for (const Segment& segment : segments_of(s.tracks, s.base)) {
            const std::uint64_t before = out.bytes;
            auto written = write_sectors(store, segment, img.get(), img_at, [&](std::uint64_t done) {
                out.bytes = before + done;
                if (progress) progress(out.bytes, total);
            });
            if (!written) return std::unexpected(img_path.string() + ": " + written.error());
            auto sub_written =
                write_subchannels(disc, store, segment, rw, sub.get(), img_at / sector_bytes * sub_bytes);
            if (!sub_written) return std::unexpected(sub_path.string() + ": " + sub_written.error());
            img_at += std::uint64_t{segment.end - segment.first} * sector_bytes;
            out.bytes = img_at;
        }
    for (const auto& [fd, path] : {std::pair{img.get(), img_path}, std::pair{sub.get(), sub_path}})
        if (::fdatasync(fd) != 0) return std::unexpected(io_error("cannot sync " + path.string()));

    // The descriptor.
    const std::size_t text_packs = disc.cd_text.size() / 18;
    std::string text = fmt::format("[CloneCD]\nVersion=3\n[Disc]\nTocEntries={}\nSessions={}\nDataTracksScrambled=0\n"
                                   "CDTextLength={}\n",
                                   sessions.size() * 3 + tracks.size(), sessions.size(), text_packs * 18);
    if (!disc.mcn.empty()) text += "CATALOG=" + disc.mcn + "\n";
    if (text_packs > 0) {
        text += fmt::format("[CDText]\nEntries={}\n", text_packs);
        for (std::size_t i = 0; i < text_packs; ++i)
            text += fmt::format("Entry {}={:02x}\n", i,
                                fmt::join(std::span(disc.cd_text).subspan(i * 18, 16), " ")); // the CRC left out
    }
    const auto mode_of = [](const Track& t) { return t.audio() ? 0 : t.mode2() ? 2 : 1; };
    for (std::size_t i = 0; i < sessions.size(); ++i)
        text += fmt::format("[Session {}]\nPreGapMode={}\nPreGapSubC=0\n", i + 1, mode_of(*sessions[i].tracks.front()));
    std::size_t entry = 0;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const auto number = static_cast<std::uint16_t>(i + 1);
        const Track& first = *sessions[i].tracks.front();
        const Track& last = *sessions[i].tracks.back();
        const auto control = [](const Track& t) { return static_cast<std::uint8_t>(t.track_mode & 0x0F); };
        // As READ TOC format 2 lays out a session: A0 (first track, disc type), A1, A2, the tracks.
        text += entry_text(entry++, number, 0xA0, control(first),
                           Msf{static_cast<std::uint8_t>(first.number), first.session_format, 0});
        text += entry_text(entry++, number, 0xA1, control(last), Msf{static_cast<std::uint8_t>(last.number), 0, 0});
        text += entry_text(entry++, number, 0xA2, control(last), lba_to_msf(last.end()));
        for (const Track* t : sessions[i].tracks)
            text +=
                entry_text(entry++, number, static_cast<std::uint8_t>(t->number), control(*t), lba_to_msf(t->start));
    }
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        // INDEX addresses count from the session's first block in the .img; INDEX 0 where a pause
        // lies before the track.
        std::uint32_t previous_end = sessions[i].base;
        for (const Track* t : sessions[i].tracks) {
            text += fmt::format("[TRACK {}]\nMODE={}\n", t->number, mode_of(*t));
            if (t->start > previous_end) text += fmt::format("INDEX 0={}\n", previous_end - sessions[i].base);
            text += fmt::format("INDEX 1={}\n", t->start - sessions[i].base);
            for (std::size_t m = 0; m < t->index_marks.size(); ++m)
                text += fmt::format("INDEX {}={}\n", m + 2, t->index_marks[m] - sessions[i].base);
            if (!t->isrc.empty()) text += "ISRC=" + t->isrc + "\n";
            previous_end = t->end();
        }
    }
    if (auto written = files.create_text(ccd, text); !written) return std::unexpected(written.error());
    if (auto ok = files.commit(ccd.parent_path()); !ok) return std::unexpected(ok.error());
    return out;
}

} // namespace spindle
