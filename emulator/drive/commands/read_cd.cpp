// READ CD (MMC-6 6.19) and READ CD MSF (6.20): blocks of a CD with the fields of the sector
// the host selects. A data block is CD-ROM Mode 1: the drive rebuilds sync, header and EDC/ECC
// from the user data (media/cd_sector.hpp). An audio block is its 2352 bytes of CD-DA; the
// pause before an audio track (its pregap, index 0) reads as silence. Sub-channels come from
// the layout (media/cd_subchannel.hpp); C2 error pointers are all zero: a modelled disc reads
// cleanly. The last block read is the head's position for READ SUB-CHANNEL.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <cstring>
#include <expected>
#include <vector>

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;

// Expected Sector Type (byte 1): 0 any, 1 CD-DA, 2 Mode 1, 3 Mode 2 formless, 4 Mode 2 Form 1,
// 5 Mode 2 Form 2; 6 and 7 are reserved.
constexpr std::uint8_t any_type = 0, cd_da_type = 1, mode1_type = 2, last_type = 5;
// Header codes (byte 9 bits 6-5): none, header, subheader, all headers. Mode 1 has no subheader.
constexpr std::uint8_t header_only = 1, all_headers = 3;
// Error field (bits 2-1): none, C2 error bits (294 bytes), C2 and block error byte (296).
constexpr std::size_t c2_bytes[] = {0, 294, 296};
// Sub-channel selection (byte 10): none, raw P-W, formatted Q, corrected and de-interleaved R-W.
constexpr std::uint8_t sub_none = 0, sub_raw = 1, sub_q = 2, sub_rw = 4;
constexpr std::size_t formatted_q_bytes = 16;

// What a block of the disc is to READ CD.
struct CdBlock {
    enum Kind : std::uint8_t { Data, Audio, Pause, None } kind = None;
    const Track* track = nullptr; // the track it is in, or whose pregap it is
};

CdBlock classify(const Disc& d, std::uint32_t lba) {
    if (d.random_access()) return lba < d.capacity_blocks ? CdBlock{CdBlock::Data, d.track_containing(lba)} : CdBlock{};
    for (std::size_t i = 0; i < d.tracks.size(); ++i) {
        const Track& t = d.tracks[i];
        if (lba >= t.start && lba < t.end()) {
            if (lba >= t.readable_end()) return {};
            return {t.audio() ? CdBlock::Audio : CdBlock::Data, &t};
        }
        if (lba < t.start) { // between tracks: the pause of an audio track after a closed one
            const bool pause = i > 0 && t.audio() && d.tracks[i - 1].session == t.session && d.tracks[i - 1].closed;
            return pause ? CdBlock{CdBlock::Pause, &t} : CdBlock{};
        }
    }
    return {};
}

struct Layout {
    bool sync, header, user, edc_ecc;
    std::size_t c2;
    std::uint8_t subchannel;
    bool audio;

    std::size_t main_bytes() const {
        if (audio) return sync || header || user || edc_ecc ? cd::raw_sector_bytes : 0; // CD-DA: all or nothing
        return (sync ? cd::sync_bytes : 0) + (header ? cd::header_bytes : 0) + (user ? cd::user_bytes : 0) +
               (edc_ecc ? cd::edc_ecc_bytes : 0);
    }
    std::size_t sub_bytes() const {
        return subchannel == sub_q ? formatted_q_bytes : subchannel == sub_none ? 0 : cd::raw_pw_bytes;
    }
    std::size_t block_bytes() const { return main_bytes() + c2 + sub_bytes(); }
};

// The CDB's selection, or the field MMC-6 table 392 makes illegal. For Mode 1 blocks: sync
// needs the header after it; EDC/ECC after a header needs the user data between them.
std::expected<Layout, scsi::SenseData> layout_of(const scsi::ReadCdFields& f, bool audio) {
    if (f.expected_sector_type() > last_type) return std::unexpected(scsi::sense::invalid_field_in_cdb(1, 4));
    if (f.c2_error() == 3) return std::unexpected(scsi::sense::invalid_field_in_cdb(9, 2));
    const std::uint8_t sub = f.subchannel();
    if (sub != sub_none && sub != sub_raw && sub != sub_q && sub != sub_rw)
        return std::unexpected(scsi::sense::invalid_field_in_cdb(10, 2));
    const bool header = f.header_codes() == header_only || f.header_codes() == all_headers;
    if (!audio && ((f.sync() && !header) || (f.edc_ecc() && !f.user_data() && f.header_codes() != 0)))
        return std::unexpected(scsi::sense::invalid_field_in_cdb(9));
    return Layout{f.sync(), header, f.user_data(), f.edc_ecc(), c2_bytes[f.c2_error()], sub, audio};
}

cd::QFrame q_of(const Disc& d, const CdBlock& b, std::uint32_t lba) {
    const Track* t = b.track;
    if (t == nullptr) return cd::q_position(0x4, 1, 1, 0, static_cast<std::int32_t>(lba));
    const bool pause = b.kind == CdBlock::Pause; // index 0: time counts down to the track's start
    if (!pause) { // the catalogue number and an audio track's ISRC take the place of the position
        const std::uint32_t in_hundred = (lba - t->start) % cd::q_interval;
        if (in_hundred == cd::q_catalogue_at && !d.mcn.empty())
            return cd::q_catalogue(t->track_mode, d.mcn, static_cast<std::int32_t>(lba));
        if (in_hundred == cd::q_isrc_at && t->audio() && !t->isrc.empty())
            return cd::q_isrc(t->track_mode, t->isrc, static_cast<std::int32_t>(lba));
    }
    return cd::q_position(t->track_mode, static_cast<std::uint8_t>(t->number), pause ? 0 : 1,
                          pause ? t->start - lba : lba - t->start, static_cast<std::int32_t>(lba));
}

// One block in the order MMC-6 gives: main channel fields, C2 information, sub-channel.
// `main` holds its user data (2048 bytes) or audio (2352).
void emit_block(const Disc& d, const Layout& l, const CdBlock& b, std::uint32_t lba, scsi::ByteView main,
                cd::RawSector& raw, std::uint8_t* out) {
    auto put = [&](const std::uint8_t* from, std::size_t n) {
        std::memcpy(out, from, n);
        out += n;
    };
    if (l.audio) {
        put(main.data(), l.main_bytes());
    } else {
        if (l.sync || l.header || l.edc_ecc) cd::encode_mode1(static_cast<std::int32_t>(lba), main, raw);
        if (l.sync) put(raw.data(), cd::sync_bytes);
        if (l.header) put(raw.data() + cd::sync_bytes, cd::header_bytes);
        if (l.user) put(main.data(), cd::user_bytes);
        if (l.edc_ecc) put(raw.data() + cd::edc_offset, cd::edc_ecc_bytes);
    }
    std::memset(out, 0, l.c2 + l.sub_bytes());
    out += l.c2;
    if (l.subchannel == sub_raw || l.subchannel == sub_q) {
        const cd::QFrame q = q_of(d, b, lba);
        if (l.subchannel == sub_q) {
            std::copy(q.begin(), q.end(), out);
        } else {
            const auto pw = cd::raw_pw(q, b.kind == CdBlock::Pause);
            std::copy(pw.begin(), pw.end(), out);
        }
    }
}

scsi::SenseData at(scsi::SenseData s, std::int64_t lba) { return s.with_information(static_cast<std::uint32_t>(lba)); }

Completion read_cd_blocks(DriveState& s, const Command& cmd, const scsi::ReadCdFields& fields, std::int64_t lba,
                          std::int64_t count, std::uint16_t length_byte) {
    // Reserved field values first, whatever the blocks (the Mode 1 combinations come later).
    if (auto checked = layout_of(fields, true); !checked) return reply_check(checked.error());
    const Disc& disc = s.medium->disc;
    const auto illegal_mode = [](std::int64_t where) {
        return reply_check(at(scsi::sense::illegal_request(asc::illegal_mode_for_this_track), where));
    };
    // Only a CD has CD sectors.
    if (disc.family() != MediaFamily::Cd) return illegal_mode(lba);
    const std::uint8_t type = fields.expected_sector_type();
    if (type != any_type && type != cd_da_type && type != mode1_type) return illegal_mode(lba);
    if (count == 0) return reply_good();
    if (count > s.profile.max_transfer_blocks && s.profile.max_transfer_blocks != 0)
        return reply_check(scsi::sense::invalid_field_in_cdb(length_byte));
    if (lba < 0 || lba + count > 0xFFFFFFFF)
        return reply_check(at(scsi::sense::illegal_request(asc::lba_out_of_range), lba));
    // Every block must be readable and of the expected type; with any type, the transfer may
    // not cross from audio to data (MMC-6 6.19.2.2: it ends at the transition).
    const auto first_lba = static_cast<std::uint32_t>(lba);
    std::vector<CdBlock> blocks(static_cast<std::size_t>(count)); // what each is, once for both loops
    for (std::uint32_t i = 0; i < blocks.size(); ++i) blocks[i] = classify(disc, first_lba + i);
    const bool audio = blocks.front().kind != CdBlock::Data;
    for (std::uint32_t i = 0; i < blocks.size(); ++i) {
        if (blocks[i].kind == CdBlock::None) // named by the first block, as READ(10) names it
            return reply_check(at(scsi::sense::illegal_request(asc::lba_out_of_range), lba));
        if ((blocks[i].kind != CdBlock::Data) != audio || (type == cd_da_type && !audio) ||
            (type == mode1_type && audio))
            return illegal_mode(first_lba + i);
    }
    const auto layout = layout_of(fields, audio);
    if (!layout) return reply_check(layout.error());
    // Whole blocks that fit the initiator's buffer, and the part of the next one that does.
    const std::size_t block = layout->block_bytes();
    const std::size_t wanted = std::min<std::size_t>(static_cast<std::size_t>(count) * block, cmd.data_in.size());
    const std::size_t main_size = audio ? cd::raw_sector_bytes : cd::user_bytes;
    constexpr std::size_t chunk_blocks = 32;
    std::vector<std::uint8_t> main(chunk_blocks * main_size);
    std::vector<std::uint8_t> one(block);
    cd::RawSector raw{};
    std::size_t done = 0;
    for (std::uint32_t first = first_lba; done < wanted;) {
        const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(chunk_blocks, lba + count - first));
        const auto chunk = std::span<std::uint8_t>(main).first(std::size_t{n} * main_size);
        BlockStore& store = *s.medium->store;
        if (!(audio ? store.read_audio(first, chunk) : store.read(first, chunk)))
            return reply_check(at(scsi::sense::make(scsi::SenseKey::MediumError, asc::unrecovered_read_error), first));
        for (std::uint32_t i = 0; i < n && done < wanted; ++i) {
            const CdBlock& b = blocks[first + i - first_lba];
            const auto content = chunk.subspan(std::size_t{i} * main_size, main_size);
            if (b.kind == CdBlock::Pause) std::fill(content.begin(), content.end(), std::uint8_t{0});
            const std::size_t take = std::min(block, wanted - done);
            std::uint8_t* out = take == block ? cmd.data_in.data() + done : one.data();
            emit_block(disc, *layout, b, first + i, content, raw, out);
            if (out == one.data()) std::memcpy(cmd.data_in.data() + done, one.data(), take);
            done += take;
        }
        first += n;
    }
    s.head_lba = static_cast<std::uint32_t>(lba + count - 1);
    return reply_in_place(cmd, done);
}

} // namespace

Completion read_cd(DriveState& s, const Command& cmd) {
    const scsi::ReadCdCdb cdb(cmd.cdb);
    return read_cd_blocks(s, cmd, cdb, cdb.lba(), cdb.transfer_length(), scsi::ReadCdCdb::transfer_length_byte);
}

Completion read_cd_msf(DriveState& s, const Command& cmd) {
    const scsi::ReadCdMsfCdb cdb(cmd.cdb);
    // Seconds 0-59 and frames 0-74, in bytes 4-5 (start) and 7-8 (end).
    if (cdb.start(1) > 59) return reply_check(scsi::sense::invalid_field_in_cdb(4));
    if (cdb.start(2) > 74) return reply_check(scsi::sense::invalid_field_in_cdb(5));
    if (cdb.end(1) > 59) return reply_check(scsi::sense::invalid_field_in_cdb(7));
    if (cdb.end(2) > 74) return reply_check(scsi::sense::invalid_field_in_cdb(8));
    const std::int64_t start = msf_to_lba(cdb.start(0), cdb.start(1), cdb.start(2));
    const std::int64_t end = msf_to_lba(cdb.end(0), cdb.end(1), cdb.end(2));
    if (end < start) return reply_check(scsi::sense::invalid_field_in_cdb(6)); // MMC-6 6.20.2
    return read_cd_blocks(s, cmd, cdb, start, end - start, 6);
}

} // namespace spindle::handlers
