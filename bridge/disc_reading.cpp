#include "bridge/disc_reading.hpp"

#include "emulator/media/cd_text.hpp"
#include "emulator/media/disc.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/bytes.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/mmc_profiles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>

namespace spindle::recorder {

namespace {

constexpr std::uint8_t lead_out = 0xAA;
constexpr std::uint8_t mcn_format = 0x02, isrc_format = 0x03;
constexpr std::size_t toc_allocation = 4 + 100 * 8;

// The blocks of a disc in a drive, as a BlockStore the exporter reads: each failed command is
// retried, then read a block at a time; a block that still fails is zeros, and noted.
class DriveBlocks final : public BlockStore {
public:
    DriveBlocks(DiscRecorderEx& ex, int retries) : ex_(ex), retries_(retries) {}
    bool read(std::uint32_t lba, std::span<std::uint8_t> out) override {
        return read_with(lba, out, block_size, [&](std::uint32_t at, std::span<std::uint8_t> o) {
            return ex_.read_blocks(at, o).has_value();
        });
    }
    bool read_audio(std::uint32_t lba, std::span<std::uint8_t> out) override {
        return read_with(lba, out, audio_block_size, [&](std::uint32_t at, std::span<std::uint8_t> o) {
            const auto blocks = static_cast<std::uint32_t>(o.size() / audio_block_size);
            const auto cdb =
                scsi::cdb::read_cd(static_cast<std::int32_t>(at), blocks, scsi::cdb::read_cd_main::whole_sector);
            const auto got = ex_.run(cdb, {DataDirection::FromDevice, o, {}});
            return got.has_value() && *got == o.size();
        });
    }
    // READ CD of the raw P-W alone (no main channel), R-W kept: bits 5-0 of each byte.
    bool read_rw(std::uint32_t lba, std::span<std::uint8_t> out) override {
        return read_with(lba, out, rw_block_size, [&](std::uint32_t at, std::span<std::uint8_t> o) {
            const auto blocks = static_cast<std::uint32_t>(o.size() / rw_block_size);
            const auto cdb =
                scsi::cdb::read_cd(static_cast<std::int32_t>(at), blocks, 0, 0, scsi::cdb::read_cd_sub::raw_pw);
            const auto got = ex_.run(cdb, {DataDirection::FromDevice, o, {}});
            if (!got.has_value() || *got != o.size()) return false;
            for (auto& b : o) b &= 0x3F;
            return true;
        });
    }
    bool write(std::uint32_t, std::span<const std::uint8_t>) override { return false; }
    bool flush() override { return true; }
    const std::vector<std::uint32_t>& unreadable() const { return unreadable_; }

private:
    template <typename ReadFn>
    bool read_with(std::uint32_t lba, std::span<std::uint8_t> out, std::size_t block, ReadFn&& read_fn) {
        for (int attempt = 0; attempt <= retries_; ++attempt)
            if (read_fn(lba, out)) return true;
        for (std::size_t at = 0; at < out.size(); at += block) { // the bad ones, one at a time
            const auto one = out.subspan(at, block);
            const auto this_lba = static_cast<std::uint32_t>(lba + at / block);
            bool ok = false;
            for (int attempt = 0; attempt <= retries_ && !ok; ++attempt) ok = read_fn(this_lba, one);
            if (!ok) {
                std::fill(one.begin(), one.end(), std::uint8_t{0});
                unreadable_.push_back(this_lba);
            }
        }
        return true;
    }
    DiscRecorderEx& ex_;
    int retries_;
    std::vector<std::uint32_t> unreadable_;
};

// The 12 or 13 characters READ SUB-CHANNEL returns when its valid bit is set.
std::string code_of(DiscRecorderEx& ex, std::uint8_t format, std::uint8_t track, std::size_t length) {
    std::array<std::uint8_t, 24> answer{};
    const auto cdb = scsi::cdb::read_subchannel(format, answer.size(), true, false, track);
    if (!ex.run(cdb, {DataDirection::FromDevice, answer, {}}) || (answer[8] & 0x80) == 0) return {};
    return std::string(answer.begin() + 9, answer.begin() + 9 + static_cast<std::ptrdiff_t>(length));
}

// Track `number`'s index at block `lba` by its Q (ECMA-130 22.3.3: mode 1, BCD), as a key that
// only grows through the track: another track's Q (the next one's pause) counts as past index 99.
// A block whose Q is the catalogue number or an ISRC (modes 2 and 3), or that cannot be read,
// takes its neighbour's.
std::optional<int> q_index_key(DiscRecorderEx& ex, std::uint16_t number, std::uint32_t lba) {
    for (const std::uint32_t at : {lba, lba - 1, lba + 1}) {
        std::array<std::uint8_t, 16> q{};
        if (!ex.run(scsi::cdb::read_cd(static_cast<std::int32_t>(at), 1, 0, 0, scsi::cdb::read_cd_sub::q),
                    {DataDirection::FromDevice, q, {}}) ||
            (q[0] & 0x0F) != 1)
            continue;
        const auto bcd = [](std::uint8_t v) { return (v >> 4) * 10 + (v & 0x0F); };
        return bcd(q[1]) == number ? bcd(q[2]) : 100;
    }
    return std::nullopt;
}

// Where track `t`'s index 2, 3, ... begin: each found by halving, as its Q tells (a drive keeps
// no list of them). Nothing when the drive reads no Q.
std::vector<std::uint32_t> scan_index_marks(DiscRecorderEx& ex, const Track& t) {
    std::vector<std::uint32_t> marks;
    if (t.size < 2) return marks;
    const std::uint32_t last = t.start + t.size - 1;
    const auto at_last = q_index_key(ex, t.number, last);
    std::uint32_t low = t.start; // a block before the next mark
    for (int n = 2; at_last && *at_last >= n && marks.size() < max_index_marks; ++n) {
        std::uint32_t high = last; // a block at or past it
        while (high - low > 1) {
            const std::uint32_t mid = low + (high - low) / 2;
            const auto key = q_index_key(ex, t.number, mid);
            if (!key) return marks;
            (*key >= n ? high : low) = mid;
        }
        if (q_index_key(ex, t.number, high) != n) break; // the next track, or an index skipped
        marks.push_back(high);
        low = high;
    }
    return marks;
}

// A DVD or BD as the image of its user data: one track of READ CAPACITY's blocks.
Result<Disc> user_data_layout(DiscRecorderEx& ex, const scsi::MmcProfile& profile) {
    std::array<std::uint8_t, 8> capacity{};
    auto got = ex.run(scsi::cdb::read_capacity(), {DataDirection::FromDevice, capacity, {}});
    if (!got) return std::unexpected(got.error());
    Disc disc;
    disc.kind = media_kind_by_name(profile.key).value_or(MediaKind::DvdRom);
    Track t;
    t.size = t.recorded = scsi::get_be32(capacity, 0) + 1;
    t.closed = true;
    disc.tracks.push_back(t);
    disc.capacity_blocks = t.size;
    disc.status = DiscStatus::Complete;
    return disc;
}

// The sessions of a CD's tracks, from READ TOC format 2 (the full TOC, MMC-6 table 482): each
// track's session, each session's disc type (point A0's PSEC) and lead-out (A2), by session.
struct FullToc {
    std::map<std::uint8_t, std::uint16_t> session_of; // by track number
    std::map<std::uint16_t, std::uint8_t> format;     // by session
    std::map<std::uint16_t, std::uint32_t> lead_out;  // by session
};
FullToc read_full_toc(DiscRecorderEx& ex) {
    constexpr std::size_t descriptor = 11, allocation = 4 + 200 * descriptor;
    constexpr std::uint8_t point_a0 = 0xA0, point_a2 = 0xA2;
    std::vector<std::uint8_t> toc(allocation);
    FullToc out;
    auto got = ex.run(scsi::cdb::read_toc(scsi::cdb::toc_format::full_toc, 1, allocation),
                      {DataDirection::FromDevice, toc, {}});
    if (!got || *got < 4) return out; // a drive without it: one session, as format 0 shows
    const std::size_t end = std::min<std::size_t>(*got, 2u + scsi::get_be16(toc, 0));
    for (std::size_t at = 4; at + descriptor <= end; at += descriptor) {
        const std::uint16_t session = toc[at];
        const std::uint8_t adr = toc[at + 1] >> 4, point = toc[at + 3];
        if (adr != 1) continue;
        if (point >= 1 && point <= 99) out.session_of[point] = session;
        if (point == point_a0) out.format[session] = toc[at + 9];
        if (point == point_a2)
            out.lead_out[session] = static_cast<std::uint32_t>(msf_to_lba(toc[at + 8], toc[at + 9], toc[at + 10]));
    }
    return out;
}

// A CD as its TOC, tracks, catalogue number, ISRCs and CD-Text say.
Result<Disc> cd_layout(DiscRecorderEx& ex) {
    std::vector<std::uint8_t> toc(toc_allocation);
    auto got = ex.run(scsi::cdb::read_toc(scsi::cdb::toc_format::toc, 0, toc_allocation),
                      {DataDirection::FromDevice, toc, {}});
    if (!got) return std::unexpected(got.error());
    if (*got < 4) return fail(hr::e_fail, "READ TOC returned no TOC");
    Disc disc;
    disc.kind = MediaKind::CdRom;
    const std::size_t end = std::min<std::size_t>(*got, 2u + scsi::get_be16(toc, 0));
    std::uint32_t lead_out_lba = 0;
    for (std::size_t at = 4; at + 8 <= end; at += 8) {
        const std::uint8_t number = toc[at + 2];
        const std::uint32_t lba = scsi::get_be32(toc, at + 4);
        if (number == lead_out) {
            lead_out_lba = lba;
            continue;
        }
        Track t;
        t.number = number;
        t.start = lba;
        t.track_mode = toc[at + 1] & 0x0F;
        t.closed = true;
        disc.tracks.push_back(t);
    }
    if (disc.tracks.empty()) return fail(hr::media_incompatible, "the disc has no track to read");
    const FullToc full = read_full_toc(ex);
    for (auto& t : disc.tracks) {
        const auto s = full.session_of.find(static_cast<std::uint8_t>(t.number));
        t.session = s == full.session_of.end() ? 1 : s->second;
        if (const auto f = full.format.find(t.session);
            f != full.format.end() && t.number == disc.first_track_in_session(t.session))
            t.session_format = f->second;
    }
    for (std::size_t i = 0; i < disc.tracks.size(); ++i) {
        Track& t = disc.tracks[i];
        // A session's last track ends at its lead-out; the others where the next track starts.
        const bool last_of_session = i + 1 == disc.tracks.size() || disc.tracks[i + 1].session != t.session;
        const auto session_end = full.lead_out.find(t.session);
        const std::uint32_t next = !last_of_session                     ? disc.tracks[i + 1].start
                                   : session_end != full.lead_out.end() ? session_end->second
                                                                        : lead_out_lba;
        t.size = next - t.start;
        // READ TRACK INFORMATION knows where a track ends before the next one's pause.
        std::array<std::uint8_t, 28> info{};
        if (ex.run(scsi::cdb::read_track_information(scsi::cdb::track_address::track, t.number, info.size()),
                   {DataDirection::FromDevice, info, {}}) &&
            scsi::get_be32(info, 8) == t.start)
            t.size = std::min(t.size, scsi::get_be32(info, 24));
        t.recorded = t.size;
        t.index_marks = scan_index_marks(ex, t);
        if (t.audio()) {
            t.data_mode = 0xF;
            t.isrc = code_of(ex, isrc_format, static_cast<std::uint8_t>(t.number), 12);
            continue;
        }
        // A data track's mode: its first sector's header.
        std::array<std::uint8_t, BlockStore::audio_block_size> sector{};
        if (ex.run(scsi::cdb::read_cd(static_cast<std::int32_t>(t.start), 1, scsi::cdb::read_cd_main::whole_sector),
                   {DataDirection::FromDevice, sector, {}}) &&
            sector[15] == 2) {
            t.data_mode = 0x2;
            t.sectors = DataSectors::Xa;
            t.form2 = true;
        }
    }
    disc.capacity_blocks = lead_out_lba;
    disc.status = DiscStatus::Complete;
    disc.last_session = SessionState::Complete;
    disc.mcn = code_of(ex, mcn_format, 0, 13);
    // CD-Text: a 4-byte header, then the packs.
    auto text = ex.read_variable(
        [](std::uint32_t n) {
            return scsi::cdb::read_toc(scsi::cdb::toc_format::cd_text, 0, static_cast<std::uint16_t>(n));
        },
        4, 0xFFFF, [](std::span<const std::uint8_t> h) { return 2u + scsi::get_be16(h, 0); });
    if (text && text->size() > 4 && cd::valid_text_packs(std::span<const std::uint8_t>(*text).subspan(4)))
        disc.cd_text.assign(text->begin() + 4, text->end());
    return disc;
}

} // namespace

Result<DiscReadReport> read_disc_image(DiscRecorderEx& ex, const std::filesystem::path& out, int retries,
                                       const ExportProgress& progress) {
    auto current = ex.get_supported_profiles(true);
    if (!current) return std::unexpected(current.error());
    const auto* profile = current->empty() ? nullptr : scsi::find_mmc_profile(current->front());
    if (profile == nullptr) return fail(hr::media_incompatible, "no medium that the recorder knows is in the drive");
    // A DVD or BD drive answers READ TOC too, with a track made up for the disc: only a CD is
    // read by its TOC, into any image; the others only into an ISO.
    const bool cd = profile->family == scsi::MediaFamily::Cd;
    if (!cd && out.extension() != ".iso")
        return fail(hr::media_incompatible,
                    fmt::format("the medium ({}) is not a CD: {} holds CD tracks; read it into a .iso", profile->name,
                                out.extension().string()));
    auto disc = cd ? cd_layout(ex) : user_data_layout(ex, *profile);
    if (!disc) return std::unexpected(disc.error());
    // A CloneCD image keeps every block's sub-channels: the R-W are read too (zeros where
    // nothing was recorded), and its loader marks the tracks whose R-W are not all zero.
    if (out.extension() == ".ccd")
        for (auto& t : disc->tracks) t.recorded_rw = true;
    DriveBlocks blocks(ex, retries);
    auto image = export_disc_image(*disc, blocks, out, progress);
    if (!image) return fail(hr::e_fail, image.error());
    return DiscReadReport{std::move(*image), blocks.unreadable(), disc->tracks.size()};
}

} // namespace spindle::recorder
