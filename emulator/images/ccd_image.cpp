#include "emulator/images/ccd_image.hpp"

#include "emulator/images/ccd_descriptor.hpp"
#include "emulator/images/extent_store.hpp"
#include "emulator/images/image_medium.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/cd_text.hpp"
#include "emulator/media/checked_files.hpp"
#include "emulator/media/disc_json.hpp"
#include "emulator/media/msf.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <vector>

namespace spindle {

namespace {

constexpr std::uint64_t sector_bytes = 2352, sub_bytes = 96;
constexpr std::int64_t point_first = 0xA0, point_last = 0xA1, point_lead_out = 0xA2, last_track = 99;

// NAME.ccd's NAME.img or NAME.sub (the extension in either case), if there.
std::optional<std::filesystem::path> beside(const std::filesystem::path& ccd, const char* lower, const char* upper) {
    for (const char* ext : {lower, upper}) {
        auto p = ccd;
        p.replace_extension(ext);
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
    }
    return std::nullopt;
}

struct OpenFile {
    std::shared_ptr<FileDescriptor> fd;
    std::uint64_t size = 0;
};
std::expected<OpenFile, std::string> open_data(const std::filesystem::path& p, std::string_view what) {
    auto fd = open_named_file(p, what);
    if (!fd) return std::unexpected(fd.error());
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0) return std::unexpected(p.string() + ": " + std::strerror(errno));
    return OpenFile{std::make_shared<FileDescriptor>(std::move(*fd)), static_cast<std::uint64_t>(st.st_size)};
}

// A track as the full TOC gives it.
struct TocTrack {
    std::int64_t number = 0, control = 0;
    std::int64_t start = 0;
    const ccd::Entry* entry = nullptr;
};
struct TocSession {
    std::int64_t number = 0;
    const ccd::Entry *first = nullptr, *last = nullptr, *lead_out = nullptr; // A0, A1, A2
    std::vector<TocTrack> tracks;
};

// Where a track's blocks lie: its pregap and itself up to the next one's pregap, in the .img.
struct Placed {
    std::int64_t extent_start = 0, extent_end = 0;
    std::uint64_t img_offset = 0;
};

// [TRACK N] INDEX 2= and on: in the addresses INDEX 1 counts in (the track's start), numbered
// up by one from 2, ascending inside the track; the fault and its line, if not.
std::expected<void, std::pair<unsigned, std::string>> take_index_marks(Track& t, const ccd::TrackSection* ts) {
    if (ts == nullptr || ts->later_indexes.empty()) return {};
    if (!ts->index1.given())
        return std::unexpected(
            std::pair{ts->later_indexes.begin()->second.line, std::string("INDEX 2 and on without INDEX 1")});
    std::int64_t expected = 2, after = 0;
    for (const auto& [n, mark] : ts->later_indexes) {
        const std::int64_t blocks = mark.value - ts->index1.value; // after the track's start
        const std::string what = "INDEX " + std::to_string(n) + "=" + std::to_string(mark.value);
        if (n != expected)
            return std::unexpected(
                std::pair{mark.line, what + ": expected INDEX " + std::to_string(expected) + " first"});
        if (blocks <= after || blocks >= t.size)
            return std::unexpected(std::pair{mark.line, what + ": expected an address after INDEX " +
                                                            std::to_string(n - 1) + "'s, inside track " +
                                                            std::to_string(t.number)});
        t.index_marks.push_back(t.start + static_cast<std::uint32_t>(blocks));
        after = blocks;
        ++expected;
    }
    return {};
}

} // namespace

bool is_ccd_descriptor(const std::filesystem::path& file) {
    const auto head = file_head(file);
    return head && ccd::looks_like_descriptor(*head);
}

std::expected<std::unique_ptr<Medium>, std::string> load_ccd_image(const std::filesystem::path& ccd) {
    const std::string name = ccd.string();
    auto text = read_descriptor_text(ccd, "CloneCD descriptor");
    if (!text) return std::unexpected(text.error());
    auto parsed = ccd::parse_descriptor(*text, name);
    if (!parsed) return std::unexpected(parsed.error());
    const ccd::Descriptor& d = *parsed;
    const auto at = [&](unsigned line, const std::string& why) {
        return std::unexpected(name + ":" + std::to_string(line) + ": " + why);
    };
    if (d.clonecd_line == 0) return std::unexpected(name + ": no [CloneCD] section: not a CloneCD descriptor");
    if (d.scrambled.value != 0)
        return at(d.scrambled.line, "DataTracksScrambled=" + std::to_string(d.scrambled.value) +
                                        ": scrambled data sectors are not loaded (expected 0)");
    if (d.toc_entries.given() && d.toc_entries.value != static_cast<std::int64_t>(d.entries.size()))
        return at(d.toc_entries.line, "TocEntries=" + std::to_string(d.toc_entries.value) + ", but the file has " +
                                          std::to_string(d.entries.size()) + " [Entry] sections");

    // The full TOC: ADR 1 entries, by session.
    std::map<std::int64_t, TocSession> sessions;
    for (const ccd::Entry& e : d.entries) {
        const auto missing = [&](const char* field) {
            return at(e.line, std::string("[Entry] without ") + field + "=");
        };
        if (!e.session.given()) return missing("Session");
        if (!e.point.given()) return missing("Point");
        if (e.adr.given() && e.adr.value != 1) continue; // ADR 5 (B0, C0), ADR 6: nothing a ROM disc needs
        if (e.session.value < 1 || e.session.value > 99)
            return at(e.session.line, "Session=" + std::to_string(e.session.value) + ": expected 1 to 99");
        if (!e.pmin.given()) return missing("PMin");
        if (!e.psec.given()) return missing("PSec");
        if (!e.pframe.given()) return missing("PFrame");
        if (e.pmin.value < 0 || e.pmin.value > 99 || e.psec.value < 0 || e.psec.value > 59 || e.pframe.value < 0 ||
            e.pframe.value > 74)
            return at(e.pmin.line, "PMin/PSec/PFrame " + std::to_string(e.pmin.value) + ":" +
                                       std::to_string(e.psec.value) + ":" + std::to_string(e.pframe.value) +
                                       ": expected minutes to 99, seconds to 59, frames to 74");
        const std::int64_t lba =
            msf_to_lba(static_cast<std::uint8_t>(e.pmin.value), static_cast<std::uint8_t>(e.psec.value),
                       static_cast<std::uint8_t>(e.pframe.value));
        TocSession& s = sessions[e.session.value];
        s.number = e.session.value;
        const std::int64_t point = e.point.value;
        const bool address = (point >= 1 && point <= last_track) || point == point_lead_out;
        if (address && e.plba.given() && e.plba.value != lba)
            return at(e.plba.line, "PLBA=" + std::to_string(e.plba.value) + ", but PMin:PSec:PFrame " +
                                       std::to_string(e.pmin.value) + ":" + std::to_string(e.psec.value) + ":" +
                                       std::to_string(e.pframe.value) + " is LBA " + std::to_string(lba));
        if (address && lba < 0)
            return at(e.pmin.line, "PMin:PSec:PFrame before LBA 0: expected a track or lead-out in the program area");
        const auto once = [&](const ccd::Entry*& slot) -> std::expected<void, std::string> {
            if (slot != nullptr)
                return at(e.line, "a second entry for point " + std::to_string(point) + " in session " +
                                      std::to_string(s.number) + " (the first at line " + std::to_string(slot->line) +
                                      ")");
            slot = &e;
            return {};
        };
        std::expected<void, std::string> ok;
        if (point == point_first) {
            ok = once(s.first);
        } else if (point == point_last) {
            ok = once(s.last);
        } else if (point == point_lead_out) {
            ok = once(s.lead_out);
        } else if (point >= 1 && point <= last_track) {
            if (!e.control.given()) return missing("Control");
            if (e.control.value < 0 || e.control.value > 15)
                return at(e.control.line, "Control=" + std::to_string(e.control.value) + ": expected 0 to 0x0f");
            s.tracks.push_back(TocTrack{point, e.control.value, lba, &e});
        }
        if (!ok) return std::unexpected(ok.error());
    }
    if (sessions.empty()) return std::unexpected(name + ": no [Entry] of a track: expected the full TOC's entries");
    if (d.sessions.given() && d.sessions.value != sessions.rbegin()->first)
        return at(d.sessions.line, "Sessions=" + std::to_string(d.sessions.value) +
                                       ", but the entries' last session is " +
                                       std::to_string(sessions.rbegin()->first));

    // The tracks in order, numbered from 1, each session's A0, A1 and A2 agreeing.
    std::int64_t expected_number = 1, expected_session = 1;
    for (auto& [number, s] : sessions) {
        const std::string session = "session " + std::to_string(number);
        if (number != expected_session)
            return std::unexpected(name + ": " + session + " follows session " + std::to_string(expected_session - 1) +
                                   ": expected session " + std::to_string(expected_session));
        ++expected_session;
        if (s.first == nullptr) return std::unexpected(name + ": " + session + " has no A0 entry (its first track)");
        if (s.lead_out == nullptr) return std::unexpected(name + ": " + session + " has no A2 entry (its lead-out)");
        if (s.tracks.empty()) return std::unexpected(name + ": " + session + " has no track entry");
        std::sort(s.tracks.begin(), s.tracks.end(), [](auto& a, auto& b) { return a.number < b.number; });
        for (const TocTrack& t : s.tracks) {
            if (t.number != expected_number)
                return at(t.entry->line, "track " + std::to_string(t.number) + ": expected track " +
                                             std::to_string(expected_number) + " (tracks count from 1, in order)");
            ++expected_number;
        }
        if (s.first->pmin.value != s.tracks.front().number)
            return at(s.first->line, "A0 names track " + std::to_string(s.first->pmin.value) + " first, but " +
                                         session + " starts with track " + std::to_string(s.tracks.front().number));
        if (s.last != nullptr && s.last->pmin.value != s.tracks.back().number)
            return at(s.last->line, "A1 names track " + std::to_string(s.last->pmin.value) + " last, but " + session +
                                        " ends with track " + std::to_string(s.tracks.back().number));
        const std::int64_t type = s.first->psec.value;
        if (type != cd_session_format::cd_rom && type != cd_session_format::cd_i &&
            type != cd_session_format::cd_rom_xa)
            return at(s.first->psec.line, "A0 PSec=" + std::to_string(type) +
                                              ": expected the disc type 0 (CD-DA or CD-ROM), 16 (CD-I) "
                                              "or 32 (CD-ROM XA)");
    }

    // Where each track's blocks are in the .img: session by session, each from its first
    // track's pregap (session 1: from LBA 0) to its lead-out.
    const auto section_of = [&](std::int64_t number) -> const ccd::TrackSection* {
        const auto it = d.tracks.find(number);
        return it == d.tracks.end() ? nullptr : &it->second;
    };
    std::map<std::int64_t, Placed> placed;
    std::uint64_t img_sectors = 0;
    std::int64_t previous_end = 0; // the last session's lead-out
    for (auto& [number, s] : sessions) {
        const std::int64_t lead_out = msf_to_lba(static_cast<std::uint8_t>(s.lead_out->pmin.value),
                                                 static_cast<std::uint8_t>(s.lead_out->psec.value),
                                                 static_cast<std::uint8_t>(s.lead_out->pframe.value));
        for (std::size_t i = 0; i < s.tracks.size(); ++i) {
            const TocTrack& t = s.tracks[i];
            // The pregap the .img holds before it: INDEX 1 - INDEX 0 (libmirage's reading; a
            // session's first track without INDEX 0 counts from 0). Track 1's is not stored.
            std::int64_t pregap = 0;
            const ccd::TrackSection* ts = section_of(t.number);
            if (ts != nullptr && ts->index1.given() && (ts->index0.given() || i == 0) && t.number != 1)
                pregap = ts->index1.value - (ts->index0.given() ? ts->index0.value : 0);
            const std::int64_t floor = i == 0 ? previous_end : s.tracks[i - 1].start + 1;
            const std::int64_t extent_start = number == 1 && i == 0 ? 0 : t.start - pregap;
            if (t.start < floor || pregap < 0 || extent_start < floor)
                return at(ts != nullptr && pregap != 0 ? ts->line : t.entry->line,
                          "track " + std::to_string(t.number) + " at LBA " + std::to_string(t.start) +
                              (pregap != 0 ? " with a pregap of " + std::to_string(pregap) + " blocks" : "") +
                              ": expected it to start at LBA " + std::to_string(floor) + " or later");
            placed[t.number].extent_start = extent_start;
            if (i > 0) placed[s.tracks[i - 1].number].extent_end = extent_start;
        }
        if (lead_out <= s.tracks.back().start)
            return at(s.lead_out->line, "lead-out at LBA " + std::to_string(lead_out) + ": expected it after track " +
                                            std::to_string(s.tracks.back().number) + "'s start at LBA " +
                                            std::to_string(s.tracks.back().start));
        placed[s.tracks.back().number].extent_end = lead_out;
        const std::int64_t first_stored = placed[s.tracks.front().number].extent_start;
        for (const TocTrack& t : s.tracks) {
            Placed& p = placed[t.number];
            p.img_offset = (img_sectors + static_cast<std::uint64_t>(p.extent_start - first_stored)) * sector_bytes;
        }
        img_sectors += static_cast<std::uint64_t>(lead_out - first_stored);
        previous_end = lead_out;
    }
    if (previous_end > max_capacity_blocks(MediaKind::CdRom))
        return std::unexpected(name + ": lead-out at LBA " + std::to_string(previous_end) +
                               ": more than a CD addresses (" + std::to_string(max_capacity_blocks(MediaKind::CdRom)) +
                               " blocks)");

    // The files: the .img exactly the sectors laid out, the .sub 96 bytes for each.
    const auto img_path = beside(ccd, ".img", ".IMG");
    if (!img_path) {
        auto p = ccd;
        return std::unexpected(p.replace_extension(".img").string() + ": no such file (the image's sectors)");
    }
    auto img = open_data(*img_path, "image file");
    if (!img) return std::unexpected(img.error());
    const std::string img_name = img_path->string();
    if (img->size % sector_bytes != 0)
        return std::unexpected(img_name + ": " + std::to_string(img->size) + " bytes: not whole 2352-byte sectors (" +
                               std::to_string(img->size % sector_bytes) + " bytes over from byte offset " +
                               std::to_string(img->size - img->size % sector_bytes) + ")");
    if (img->size != img_sectors * sector_bytes)
        return std::unexpected(img_name + ": " + std::to_string(img->size / sector_bytes) + " sectors, but " + name +
                               "'s TOC lays out " + std::to_string(img_sectors) +
                               ": expected it to end at byte offset " + std::to_string(img_sectors * sector_bytes));
    std::optional<OpenFile> sub;
    std::string sub_name;
    if (const auto sub_path = beside(ccd, ".sub", ".SUB")) {
        auto opened = open_data(*sub_path, "sub-channel file");
        if (!opened) return std::unexpected(opened.error());
        sub_name = sub_path->string();
        if (opened->size != img_sectors * sub_bytes)
            return std::unexpected(sub_name + ": " + std::to_string(opened->size) +
                                   " bytes: expected 96 for each of the " + std::to_string(img_sectors) +
                                   " sectors of " + img_name + ", ending at byte offset " +
                                   std::to_string(img_sectors * sub_bytes));
        sub = std::move(*opened);
    }

    Disc disc;
    disc.kind = MediaKind::CdRom;
    std::vector<ImageExtent> extents;
    for (auto& [number, s] : sessions) {
        const bool xa = s.first->psec.value == cd_session_format::cd_rom_xa;
        for (std::size_t i = 0; i < s.tracks.size(); ++i) {
            const TocTrack& t = s.tracks[i];
            const Placed& p = placed[t.number];
            const ccd::TrackSection* ts = section_of(t.number);
            const std::string what = "track " + std::to_string(t.number);
            Track track;
            track.number = static_cast<std::uint16_t>(t.number);
            track.session = static_cast<std::uint16_t>(number);
            track.start = static_cast<std::uint32_t>(t.start);
            track.closed = true;
            track.track_mode = static_cast<std::uint8_t>(t.control);
            ImageSectors sectors = ImageSectors::Audio;
            if (track.audio()) {
                track.data_mode = 0xF;
            } else { // the mode its first sector's header gives; [TRACK N] MODE where it gives none
                std::array<std::uint8_t, 16> header{};
                const std::uint64_t at_byte = p.img_offset + std::uint64_t(t.start - p.extent_start) * sector_bytes;
                if (!file_io::read_fully(img->fd->get(), header.data(), header.size(), at_byte, file_io::AtEnd::Fail))
                    return std::unexpected(img_name + ": cannot read at byte offset " + std::to_string(at_byte));
                std::int64_t mode = header[15];
                if (mode != 1 && mode != 2 && ts != nullptr && ts->mode.given()) mode = ts->mode.value;
                if (mode != 1 && mode != 2)
                    return std::unexpected(img_name + ": " + what + "'s first sector at byte offset " +
                                           std::to_string(at_byte) + " has mode byte " + std::to_string(header[15]) +
                                           ", and [TRACK " + std::to_string(t.number) +
                                           "] gives no MODE=1 or 2: expected a Mode 1 or Mode 2 data sector");
                sectors = mode == 1 ? ImageSectors::Mode1Raw : ImageSectors::Mode2Raw;
                if (mode == 2) {
                    track.data_mode = 0x2;
                    track.sectors = xa ? DataSectors::Xa : DataSectors::Mode2;
                    track.form2 = xa; // READ(10) looks at each sector's form
                }
            }
            if (i == 0) track.session_format = static_cast<std::uint8_t>(s.first->psec.value);
            if (ts != nullptr && ts->isrc.given()) {
                if (!cd::valid_isrc(ts->isrc.value))
                    return at(ts->isrc.line,
                              "ISRC=" + ts->isrc.value + ": expected 5 letters or digits, then 7 digits");
                if (track.audio()) track.isrc = ts->isrc.value;
            }
            ImageExtent e{static_cast<std::uint32_t>(p.extent_start),
                          static_cast<std::uint32_t>(p.extent_end - p.extent_start), img->fd, p.img_offset, sectors};
            if (sub) {
                e.sub_file = sub->fd;
                e.sub_offset = p.img_offset / sector_bytes * sub_bytes;
                // Served from the .sub as recorded: zeros where nothing was (no scan of it,
                // which would make loading grow with the image).
                track.recorded_rw = true;
            }
            extents.push_back(std::move(e));
            disc.tracks.push_back(track);
        }
    }
    // Each track runs to the next one's pregap, or into it when the pregap's blocks are of its
    // own kind (as a Session At Once burn lays it out), or to its session's lead-out.
    for (std::size_t i = 0; i < disc.tracks.size(); ++i) {
        Track& t = disc.tracks[i];
        const Placed& p = placed[t.number];
        std::int64_t end = p.extent_end;
        if (i + 1 < disc.tracks.size()) {
            const Track& next = disc.tracks[i + 1];
            if (next.session == t.session && next.audio() == t.audio() && next.sectors == t.sectors) end = next.start;
        }
        t.size = static_cast<std::uint32_t>(end - t.start);
        t.recorded = t.size;
        if (auto ok = take_index_marks(t, section_of(t.number)); !ok) return at(ok.error().first, ok.error().second);
    }

    if (d.catalog.given()) {
        if (!cd::valid_mcn(d.catalog.value))
            return at(d.catalog.line, "CATALOG=" + d.catalog.value + ": expected 13 digits");
        disc.mcn = d.catalog.value;
    }
    // CD-Text: the packs, each with its CRC made again.
    if (d.cd_text_entries.given() || !d.text.empty()) {
        if (!d.cd_text_entries.given())
            return at(d.text.begin()->second.line, "a pack before [CDText] Entries=: expected Entries=N first");
        const std::int64_t n = d.cd_text_entries.value;
        if (n < 0 || n > static_cast<std::int64_t>(cd::text_blocks * cd::text_packs_per_block))
            return at(d.cd_text_entries.line, "Entries=" + std::to_string(n) + ": expected 0 to 2048 packs");
        if (d.cd_text_length.given() && d.cd_text_length.value != n * 18)
            return at(d.cd_text_length.line, "CDTextLength=" + std::to_string(d.cd_text_length.value) +
                                                 ", but [CDText] has " + std::to_string(n) + " entries: expected " +
                                                 std::to_string(n * 18) + " (18 bytes a pack)");
        for (const auto& [index, v] : d.text)
            if (index < 0 || index >= n)
                return at(v.line, "Entry " + std::to_string(index) + ": expected Entry 0 to " + std::to_string(n - 1) +
                                      " ([CDText] Entries=" + std::to_string(n) + ")");
        for (std::int64_t i = 0; i < n; ++i) {
            const auto it = d.text.find(i);
            if (it == d.text.end())
                return at(d.cd_text_entries.line,
                          "[CDText] has no Entry " + std::to_string(i) + " of its " + std::to_string(n));
            cd::TextPack pack{};
            std::size_t count = 0;
            for (std::size_t from = 0; from < it->second.value.size();) {
                const std::size_t blank = std::min(it->second.value.find(' ', from), it->second.value.size());
                const std::string word = it->second.value.substr(from, blank - from);
                from = blank + 1;
                if (word.empty()) continue;
                const auto byte = ccd::parse_number("0x" + word);
                if (!byte || *byte < 0 || *byte > 0xFF || count == 16)
                    return at(it->second.line, "Entry " + std::to_string(i) + ": expected 16 bytes in hex");
                pack[count++] = static_cast<std::uint8_t>(*byte);
            }
            if (count != 16) return at(it->second.line, "Entry " + std::to_string(i) + ": expected 16 bytes in hex");
            const std::uint16_t crc = cd::text_pack_crc(std::span<const std::uint8_t>(pack).first(16));
            pack[16] = static_cast<std::uint8_t>(crc >> 8);
            pack[17] = static_cast<std::uint8_t>(crc & 0xFF);
            disc.cd_text.insert(disc.cd_text.end(), pack.begin(), pack.end());
        }
        if (!cd::valid_text_packs(disc.cd_text))
            return at(d.cd_text_entries.line, "[CDText]: packs that are not CD-Text (expected types 80h to 8Fh)");
    } else if (d.cd_text_length.given() && d.cd_text_length.value != 0) {
        return at(d.cd_text_length.line, "CDTextLength=" + std::to_string(d.cd_text_length.value) +
                                             ", but there is no [CDText] section: expected 0");
    }

    return served_image(std::move(disc), static_cast<std::uint32_t>(previous_end), std::move(extents), name);
}

} // namespace spindle
