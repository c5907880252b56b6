#include "emulator/images/nrg_image.hpp"

#include "emulator/images/binary_fields.hpp"
#include "emulator/images/image_tracks.hpp"
#include "emulator/media/checked_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace spindle {

namespace {

constexpr std::size_t largest_chunks = 4 << 20; // bytes: 99 tracks and 8 blocks of CD-Text take a few KiB
constexpr std::size_t dao_header_bytes = 22, cue_entry_bytes = 8, pack_bytes = 18;
constexpr std::uint8_t lead_out_track = 0xAA;
constexpr std::uint32_t cd_media = 0x1, cd_rom_media = 0x400; // MTYP bits of a CD

struct Footer {
    bool v2 = false;
    std::uint64_t at = 0;     // of the footer
    std::uint64_t chunks = 0; // of the first chunk
};

std::optional<Footer> read_footer(int fd, std::uint64_t size) {
    for (const bool v2 : {true, false}) {
        const std::uint64_t bytes = v2 ? 12 : 8;
        if (size < bytes) continue;
        auto tail = read_bytes_at(fd, size - bytes, bytes, "");
        if (!tail || std::string_view(reinterpret_cast<const char*>(tail->data()), 4) != (v2 ? "NER5" : "NERO"))
            continue;
        return Footer{v2, size - bytes, big_endian(*tail, 4, bytes - 4)};
    }
    return std::nullopt;
}

std::optional<unsigned> bcd(std::uint8_t b) {
    if ((b >> 4) > 9 || (b & 0xF) > 9) return std::nullopt;
    return (b >> 4) * 10u + (b & 0xFu);
}

struct Chunk {
    std::string id;
    std::uint64_t at = 0; // of its payload, in the file
    std::span<const std::uint8_t> payload;
};

struct CueEntry {
    std::uint64_t at = 0;
    unsigned track = 0, index = 0;
    std::int64_t lba = 0;
    std::uint8_t control = 0;
};

// How a mode stores its sectors (sector size = the form's bytes + trailing).
struct NrgMode {
    ImageSectors sectors;
    std::uint32_t trailing = 0;
};

std::optional<NrgMode> nrg_mode(std::uint8_t mode) {
    switch (mode) {
    case 0x00: return NrgMode{ImageSectors::Mode1User};
    case 0x02: return NrgMode{ImageSectors::Form1User};
    case 0x03: return NrgMode{ImageSectors::Mode2After};
    case 0x05: return NrgMode{ImageSectors::Mode1Raw};
    case 0x06: return NrgMode{ImageSectors::Mode2Raw};
    case 0x07:
    case 0x08: return NrgMode{ImageSectors::Audio};
    case 0x0F: return NrgMode{ImageSectors::Mode1Raw, 96};
    case 0x10: return NrgMode{ImageSectors::Audio, 96};
    case 0x11: return NrgMode{ImageSectors::Mode2Raw, 96};
    default: return std::nullopt;
    }
}

class NrgParser {
public:
    NrgParser(std::string name, std::shared_ptr<FileDescriptor> file, std::uint64_t data_bytes)
        : name_(std::move(name)), file_(std::move(file)), data_bytes_(data_bytes) {}

    std::expected<void, std::string> chunk(const Chunk& c) {
        if (c.id == "CUEX" || c.id == "CUES") return cues(c, c.id == "CUEX");
        if (c.id == "DAOX" || c.id == "DAOI") return dao(c, c.id == "DAOX");
        if (c.id == "ETN2" || c.id == "ETNF") return tao(c, c.id == "ETN2");
        if (c.id == "SINF") {
            if (c.payload.size() < 4)
                return fail(c.at, "SINF of " + std::to_string(c.payload.size()) + " bytes: expected a u32 track count");
            sinf_.emplace_back(c.at, big_endian(c.payload, 0, 4));
        } else if (c.id == "CDTX") {
            if (c.payload.size() % pack_bytes != 0)
                return fail(c.at, "CDTX of " + std::to_string(c.payload.size()) + " bytes: expected 18-byte packs");
            image_.cd_text.assign(c.payload.begin(), c.payload.end());
        } else if (c.id == "MTYP") {
            if (c.payload.size() < 4) return fail(c.at, "MTYP: expected a u32");
            const auto media = static_cast<std::uint32_t>(big_endian(c.payload, 0, 4));
            if (media != 0 && (media & (cd_media | cd_rom_media)) == 0)
                return fail(c.at,
                            fmt::format("MTYP {:#x}: a DVD or BD image; expected a CD (bit 0x1 or 0x400)", media));
        }
        return {};
    }

    std::expected<ImageDisc, std::string> finish(std::uint64_t end_at) {
        if (image_.tracks.empty())
            return fail(end_at, "END! with no DAOX, DAOI, ETN2 or ETNF chunk before it: expected a session's tracks");
        if (!sinf_.empty()) {
            if (sinf_.size() != session_tracks_.size())
                return fail(sinf_.front().first, std::to_string(sinf_.size()) + " SINF chunks: expected " +
                                                     std::to_string(session_tracks_.size()) + ", one per session");
            for (std::size_t s = 0; s < sinf_.size(); ++s)
                if (sinf_[s].second != session_tracks_[s])
                    return fail(sinf_[s].first, "SINF: " + std::to_string(sinf_[s].second) + " tracks in session " +
                                                    std::to_string(s + 1) + ": expected " +
                                                    std::to_string(session_tracks_[s]) + ", as its track chunk lists");
        }
        if (cue_lists_.size() != dao_sessions_)
            return fail(end_at, std::to_string(cue_lists_.size()) + " CUEX/CUES chunks: expected " +
                                    std::to_string(dao_sessions_) + ", one per DAOX/DAOI session");
        return std::move(image_);
    }

private:
    std::unexpected<std::string> fail(std::uint64_t at, const std::string& what) const {
        return std::unexpected(refusal_at(name_, at, what));
    }

    std::expected<void, std::string> cues(const Chunk& c, bool lba) {
        if (c.payload.size() % cue_entry_bytes != 0)
            return fail(c.at, c.id + " of " + std::to_string(c.payload.size()) + " bytes: expected 8-byte entries");
        std::vector<CueEntry> list;
        for (std::size_t e = 0; e < c.payload.size(); e += cue_entry_bytes) {
            const auto p = c.payload.subspan(e, cue_entry_bytes);
            const std::uint64_t at = c.at + e;
            const auto track = bcd(p[1]), index = bcd(p[2]);
            if (p[1] == lead_out_track) continue;
            if (!track || !index) return fail(at, fmt::format("track {:02X} index {:02X}: expected BCD", p[1], p[2]));
            CueEntry entry{at, *track, *index, 0, static_cast<std::uint8_t>(p[0] >> 4)};
            if (lba) {
                entry.lba = static_cast<std::int32_t>(big_endian(p, 4, 4));
            } else {
                const auto m = bcd(p[5]), s = bcd(p[6]), f = bcd(p[7]);
                if (!m || !s || !f || *s >= 60 || *f >= 75)
                    return fail(at, fmt::format("{:02X}:{:02X}:{:02X}: expected a BCD M:S:F, seconds below 60, frames "
                                                "below 75",
                                                p[5], p[6], p[7]));
                entry.lba = (std::int64_t{*m} * 60 + *s) * 75 + *f - 150;
            }
            if (entry.track != 0) list.push_back(entry);
        }
        cue_lists_.push_back(std::move(list));
        return {};
    }

    // The mode at `at` and the sector size it must have.
    std::expected<NrgMode, std::string> mode_at(std::uint64_t at, std::uint8_t mode, std::uint64_t size) const {
        const auto m = nrg_mode(mode);
        if (!m)
            return fail(at, fmt::format("mode {:#04x}: expected 0x00, 0x02, 0x03, 0x05, 0x06, 0x07, 0x08, 0x0f, 0x10 "
                                        "or 0x11",
                                        mode));
        const std::uint64_t expected = image_sector_bytes(m->sectors) + std::uint64_t{m->trailing};
        if (size != expected)
            return fail(at, fmt::format("mode {:#04x} with {}-byte sectors: expected {}", mode, size, expected));
        return *m;
    }

    ImageTrack track_base(std::uint64_t at, const NrgMode& mode) const {
        ImageTrack t;
        t.entry_at = at;
        t.session = static_cast<std::uint16_t>(session_tracks_.size() + 1);
        t.file = file_;
        t.file_name = "the sector data before the chunks";
        t.file_size = data_bytes_;
        t.sectors = mode.sectors;
        t.trailing = mode.trailing;
        return t;
    }

    std::expected<void, std::string> room_for(std::uint64_t at, std::size_t tracks) const {
        if (image_.tracks.size() + tracks > 99)
            return fail(at, std::to_string(image_.tracks.size() + tracks) + " tracks: expected 99 at most");
        return {};
    }

    std::expected<void, std::string> dao(const Chunk& c, bool wide) {
        const std::size_t entry_bytes = wide ? 42 : 30, offset_bytes = wide ? 8 : 4;
        const auto& p = c.payload;
        if (p.size() < dao_header_bytes || (p.size() - dao_header_bytes) % entry_bytes != 0)
            return fail(c.at, fmt::format("{} of {} bytes: expected {} and {} per track", c.id, p.size(),
                                          dao_header_bytes, entry_bytes));
        const std::size_t count = (p.size() - dao_header_bytes) / entry_bytes;
        const unsigned first = p[20], last = p[21];
        const std::size_t expected_first = image_.tracks.size() + 1;
        if (count == 0 || first != expected_first || last < first || last - first + 1 != count)
            return fail(c.at + 20, fmt::format("tracks {} to {} with {} entries: expected {} entries from track {}",
                                               first, last, count, count == 0 ? 1 : count, expected_first));
        if (auto ok = room_for(c.at, count); !ok) return ok;
        if (cue_lists_.size() <= dao_sessions_)
            return fail(c.at, c.id + ": expected a CUEX or CUES chunk before it, with this session's indexes");
        const auto& cue = cue_lists_[dao_sessions_];
        if (image_.mcn.empty()) {
            const auto mcn = p.subspan(4, 13);
            image_.mcn.assign(mcn.begin(), std::find(mcn.begin(), mcn.end(), std::uint8_t{0}));
        }
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t e = dao_header_bytes + k * entry_bytes;
            const std::uint64_t at = c.at + e;
            const unsigned number = first + static_cast<unsigned>(k);
            const std::uint64_t size = big_endian(p, e + 12, 2);
            auto mode = mode_at(at + 14, p[e + 14], size);
            if (!mode) return std::unexpected(mode.error());
            const std::uint64_t index0 = big_endian(p, e + 18, offset_bytes),
                                index1 = big_endian(p, e + 18 + offset_bytes, offset_bytes),
                                end = big_endian(p, e + 18 + 2 * offset_bytes, offset_bytes);
            if (index0 > index1 || index1 > end || (index1 - index0) % size != 0 || (end - index1) % size != 0)
                return fail(at + 18, fmt::format("INDEX 00 at byte {}, INDEX 01 at {}, end at {}: expected them in "
                                                 "order, whole {}-byte sectors apart",
                                                 index0, index1, end, size));
            const auto index1_entry = std::find_if(
                cue.begin(), cue.end(), [&](const CueEntry& x) { return x.track == number && x.index == 1; });
            if (index1_entry == cue.end())
                return fail(c.at, "track " + std::to_string(number) + ": no INDEX 01 in this session's CUEX/CUES");
            ImageTrack t = track_base(at, *mode);
            t.start = index1_entry->lba;
            t.pregap = static_cast<std::uint32_t>(std::min<std::uint64_t>((index1 - index0) / size, UINT32_MAX));
            t.blocks = static_cast<std::uint32_t>(std::min<std::uint64_t>((end - index1) / size, UINT32_MAX));
            t.offset = index0;
            t.control = index1_entry->control;
            const auto isrc = p.subspan(e, 12);
            t.isrc.assign(isrc.begin(), std::find(isrc.begin(), isrc.end(), std::uint8_t{0}));
            // INDEX 00 where the stored pregap begins, when the file holds one.
            const auto index0_entry = std::find_if(
                cue.begin(), cue.end(), [&](const CueEntry& x) { return x.track == number && x.index == 0; });
            if (t.pregap > 0 && index0_entry != cue.end() && index0_entry->lba != t.start - t.pregap)
                return fail(index0_entry->at,
                            fmt::format("track {} INDEX 00 at LBA {}: expected {}, INDEX 01 less the {} blocks {} "
                                        "holds before it",
                                        number, index0_entry->lba, t.start - t.pregap, t.pregap, c.id));
            // INDEX 02 and on: index marks, numbered up by one at later blocks of the track.
            for (const CueEntry& x : cue) {
                if (x.track != number || x.index < 2) continue;
                const std::int64_t after = t.index_marks.empty() ? t.start : std::int64_t{t.index_marks.back()};
                if (x.index != t.index_marks.size() + 2 || x.lba <= after || x.lba >= t.start + t.blocks)
                    return fail(x.at, fmt::format("track {} INDEX {:02} at LBA {}: expected INDEX {:02} after LBA {} "
                                                  "and before {}, inside the track",
                                                  number, x.index, x.lba, t.index_marks.size() + 2, after,
                                                  t.start + t.blocks));
                t.index_marks.push_back(static_cast<std::uint32_t>(x.lba));
            }
            image_.tracks.push_back(std::move(t));
        }
        ++dao_sessions_;
        session_tracks_.push_back(count);
        return {};
    }

    std::expected<void, std::string> tao(const Chunk& c, bool wide) {
        const std::size_t entry_bytes = wide ? 32 : 20, offset_bytes = wide ? 8 : 4;
        const auto& p = c.payload;
        if (p.empty() || p.size() % entry_bytes != 0)
            return fail(c.at, fmt::format("{} of {} bytes: expected {} bytes per track", c.id, p.size(), entry_bytes));
        const std::size_t count = p.size() / entry_bytes;
        if (auto ok = room_for(c.at, count); !ok) return ok;
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t e = k * entry_bytes;
            const std::uint64_t at = c.at + e;
            const std::uint64_t offset = big_endian(p, e, offset_bytes),
                                length = big_endian(p, e + offset_bytes, offset_bytes);
            const std::size_t mode_at_byte = 2 * offset_bytes + 3; // the low byte of a u32
            const auto m = nrg_mode(p[e + mode_at_byte]);
            const std::uint64_t size = m ? image_sector_bytes(m->sectors) + std::uint64_t{m->trailing} : 0;
            auto mode = mode_at(at + mode_at_byte, p[e + mode_at_byte], size);
            if (!mode) return std::unexpected(mode.error());
            if (length % size != 0)
                return fail(at + offset_bytes, fmt::format("{} bytes: expected whole {}-byte sectors", length, size));
            ImageTrack t = track_base(at, *mode);
            t.start = static_cast<std::int64_t>(big_endian(p, e + 2 * offset_bytes + 4, 4));
            t.blocks = static_cast<std::uint32_t>(std::min<std::uint64_t>(length / size, UINT32_MAX));
            t.offset = offset;
            image_.tracks.push_back(std::move(t));
        }
        session_tracks_.push_back(count);
        return {};
    }

    std::string name_;
    std::shared_ptr<FileDescriptor> file_;
    std::uint64_t data_bytes_;
    ImageDisc image_;
    std::vector<std::vector<CueEntry>> cue_lists_;
    std::size_t dao_sessions_ = 0;
    std::vector<std::uint64_t> session_tracks_;                 // per session, as its chunk lists them
    std::vector<std::pair<std::uint64_t, std::uint64_t>> sinf_; // (at, tracks) per SINF chunk
};

} // namespace

bool is_nrg_image(const std::filesystem::path& file) {
    auto fd = open_named_file(file, "image");
    if (!fd) return false;
    const auto size = file_size_of(fd->get(), "");
    if (!size) return false;
    const auto footer = read_footer(fd->get(), *size);
    return footer && footer->chunks < footer->at;
}

std::expected<std::unique_ptr<Medium>, std::string> load_nrg_image(const std::filesystem::path& nrg) {
    const std::string name = nrg.string();
    auto fd = open_named_file(nrg, "NRG image");
    if (!fd) return std::unexpected(fd.error());
    const auto size = file_size_of(fd->get(), name);
    if (!size) return std::unexpected(size.error());
    const auto footer = read_footer(fd->get(), *size);
    if (!footer)
        return std::unexpected(refusal_at(name, *size < 12 ? 0 : *size - 12,
                                          "expected a footer: NER5 and a u64 or NERO and a u32 at the end"));
    if (footer->chunks >= footer->at)
        return std::unexpected(refusal_at(name, footer->at + 4,
                                          fmt::format("first chunk at byte {}: expected an offset below {}, where the "
                                                      "footer starts",
                                                      footer->chunks, footer->at)));
    if (footer->at - footer->chunks > largest_chunks)
        return std::unexpected(refusal_at(
            name, footer->chunks,
            fmt::format("{} bytes of chunks: expected {} at most", footer->at - footer->chunks, largest_chunks)));
    auto bytes = read_bytes_at(fd->get(), footer->chunks, footer->at - footer->chunks, name);
    if (!bytes) return std::unexpected(bytes.error());
    NrgParser parser(name, std::make_shared<FileDescriptor>(std::move(*fd)), footer->chunks);
    const std::span<const std::uint8_t> chunks(*bytes);
    for (std::size_t pos = 0;;) {
        const std::uint64_t at = footer->chunks + pos;
        if (!within(pos, 8, chunks.size()))
            return std::unexpected(refusal_at(name, at,
                                              fmt::format("expected a chunk (id and u32 size) or END!; the chunks end "
                                                          "at byte {}",
                                                          footer->at)));
        Chunk c{std::string(reinterpret_cast<const char*>(chunks.data() + pos), 4), at + 8, {}};
        const std::uint64_t length = big_endian(chunks, pos + 4, 4);
        if (!within(pos + 8, length, chunks.size()))
            return std::unexpected(
                refusal_at(name, at + 4,
                           fmt::format("chunk of {} bytes: expected it to end by byte {}, where the footer starts",
                                       length, footer->at)));
        c.payload = chunks.subspan(pos + 8, length);
        if (c.id == "END!") {
            auto image = parser.finish(at);
            if (!image) return std::unexpected(image.error());
            return medium_from_image(*image, name);
        }
        if (auto ok = parser.chunk(c); !ok) return std::unexpected(ok.error());
        pos += 8 + length;
    }
}

} // namespace spindle
