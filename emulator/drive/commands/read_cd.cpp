// READ CD (MMC-6 6.19) and READ CD MSF (6.20): blocks of a CD with the fields of the sector
// the host selects. A Mode 1 block's sync, header and EDC/ECC the drive rebuilds from the user
// data (media/cd_sector.hpp); a Mode 2 sector (formless, XA Form 1 or Form 2) is kept whole, as
// written (media/cd_blocks.hpp), and each field comes from it: a track that mixes XA forms
// returns blocks of different sizes, as a drive does. An audio block is its 2352 bytes of CD-DA; the
// pause before an audio track (its pregap, index 0) reads as silence. P and Q come from the
// layout, R-W as recorded (media/cd_subchannel.hpp); C2 error pointers are all zero: a modelled
// disc reads cleanly. The last block read is the head's position for READ SUB-CHANNEL.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/cd_block_q.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <cstring>
#include <expected>
#include <memory>
#include <vector>

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;

// Expected Sector Type (byte 1): 0 any, 1 CD-DA, 2 Mode 1, 3 Mode 2 formless, 4 Mode 2 Form 1,
// 5 Mode 2 Form 2; 6 and 7 are reserved.
constexpr std::uint8_t any_type = 0, cd_da_type = 1, mode1_type = 2, mode2_formless_type = 3, form1_type = 4,
                       form2_type = 5, last_type = 5;
// Header codes (byte 9 bits 6-5): none, header, subheader, all headers. Only XA sectors have a
// subheader.
constexpr std::uint8_t header_only = 1, subheader_only = 2, all_headers = 3;
// Error field (bits 2-1): none, C2 error bits (294 bytes), C2 and block error byte (296).
constexpr std::size_t c2_bytes[] = {0, 294, 296};
// Sub-channel selection (byte 10): none, raw P-W, formatted Q, corrected and de-interleaved R-W.
namespace sub = scsi::cdb::read_cd_sub;
constexpr std::size_t formatted_q_bytes = 16;

// What a block of the disc is to READ CD.
struct CdBlock {
    enum Kind : std::uint8_t { Data, Mode2, Audio, Pause, None } kind = None;
    const Track* track = nullptr; // the track it is in, or whose pregap it is

    bool audio() const { return kind == Audio || kind == Pause; }
    bool whole() const { return kind != Data; } // kept as whole 2352-byte blocks
};

CdBlock classify(const Disc& d, std::uint32_t lba) {
    if (d.random_access()) return lba < d.capacity_blocks ? CdBlock{CdBlock::Data, d.track_containing(lba)} : CdBlock{};
    for (const Track& t : d.tracks) {
        if (lba < t.start) break; // before it: between tracks
        if (lba < t.end()) {
            if (lba >= t.readable_end()) return {};
            return {t.audio() ? CdBlock::Audio : t.mode2() ? CdBlock::Mode2 : CdBlock::Data, &t};
        }
    }
    const Track* pause = d.pause_before(lba);
    return pause != nullptr ? CdBlock{CdBlock::Pause, pause} : CdBlock{};
}

// A field of the raw sector: where it starts and how long it is in each form.
struct Field {
    std::size_t offset, length;
};
// Per form (cd::SectorForm order: Mode 1, formless Mode 2, Form 1, Form 2), ECMA-130 14 and
// CD-ROM XA: the subheader exists only in XA sectors; a Form 2 sector's EDC is its EDC/ECC field.
constexpr Field subheader_of[] = {{16, 0}, {16, 0}, {16, 8}, {16, 8}};
constexpr Field user_of[] = {{16, 2048}, {16, 2336}, {24, 2048}, {24, 2324}};
constexpr Field edc_ecc_of[] = {{2064, 288}, {2352, 0}, {2072, 280}, {2348, 4}};

struct Layout {
    bool sync, header, subheader, user, edc_ecc;
    std::size_t c2;
    std::uint8_t subchannel;

    // Main-channel bytes of a block: a CD-DA block is all or nothing.
    std::size_t main_bytes(const CdBlock& b, cd::SectorForm form) const {
        if (b.audio()) return sync || header || subheader || user || edc_ecc ? cd::raw_sector_bytes : 0;
        const auto f = static_cast<std::size_t>(form);
        return (sync ? cd::sync_bytes : 0) + (header ? cd::header_bytes : 0) +
               (subheader ? subheader_of[f].length : 0) + (user ? user_of[f].length : 0) +
               (edc_ecc ? edc_ecc_of[f].length : 0);
    }
    std::size_t sub_bytes() const {
        return subchannel == sub::q ? formatted_q_bytes : subchannel == sub::none ? 0 : cd::raw_pw_bytes;
    }
};

// The CDB's selection, or the field MMC-6 table 392 makes illegal: values that are reserved
// whatever the block, then for data blocks sync without the header after it, EDC/ECC after a
// header without the user data between them and, in an XA sector, the header and the user
// data without the subheader between them.
std::expected<Layout, scsi::SenseData> layout_of(const scsi::ReadCdFields& f) {
    if (f.expected_sector_type() > last_type) return std::unexpected(scsi::sense::invalid_field_in_cdb(1, 4));
    if (f.c2_error() == 3) return std::unexpected(scsi::sense::invalid_field_in_cdb(9, 2));
    const std::uint8_t selection = f.subchannel();
    if (selection != sub::none && selection != sub::raw_pw && selection != sub::q && selection != sub::rw)
        return std::unexpected(scsi::sense::invalid_field_in_cdb(10, 2));
    const bool header = f.header_codes() == header_only || f.header_codes() == all_headers;
    const bool subheader = f.header_codes() == subheader_only || f.header_codes() == all_headers;
    return Layout{f.sync(), header, subheader, f.user_data(), f.edc_ecc(), c2_bytes[f.c2_error()], selection};
}

std::optional<scsi::SenseData> illegal_for_data(const Layout& l, bool xa) {
    if ((l.sync && !l.header) || (l.edc_ecc && !l.user && (l.header || l.subheader)) ||
        (xa && l.header && !l.subheader && l.user))
        return scsi::sense::invalid_field_in_cdb(9);
    return std::nullopt;
}

cd::QFrame q_of(const Disc& d, const CdBlock& b, std::uint32_t lba) {
    return block_q(d, b.track, b.kind == CdBlock::Pause, lba); // index 0: time counts down to the track's start
}

// One block in the order MMC-6 gives: main channel fields, C2 information, sub-channel. `raw`
// holds the whole sector (audio, or a data sector with every field); `rw` the recorded R-W of
// the block and the two after it, or nothing where none were recorded.
std::uint8_t* emit_block(const Disc& d, const Layout& l, const CdBlock& b, cd::SectorForm form, std::uint32_t lba,
                         const std::uint8_t* raw, std::span<const std::uint8_t> rw, std::uint8_t* out) {
    auto put = [&](Field f) {
        std::memcpy(out, raw + f.offset, f.length);
        out += f.length;
    };
    const auto i = static_cast<std::size_t>(form);
    if (b.audio()) {
        put({0, l.main_bytes(b, form)});
    } else {
        if (l.sync) put({0, cd::sync_bytes});
        if (l.header) put({cd::sync_bytes, cd::header_bytes});
        if (l.subheader) put(subheader_of[i]);
        if (l.user) put(user_of[i]);
        if (l.edc_ecc) put(edc_ecc_of[i]);
    }
    std::memset(out, 0, l.c2 + l.sub_bytes());
    out += l.c2;
    if (l.subchannel == sub::raw_pw || l.subchannel == sub::q) {
        const cd::QFrame q = q_of(d, b, lba);
        if (l.subchannel == sub::q) {
            std::copy(q.begin(), q.end(), out);
        } else {
            const auto pw = cd::raw_pw(q, b.kind == CdBlock::Pause, rw.first(std::min(rw.size(), cd::raw_pw_bytes)));
            std::copy(pw.begin(), pw.end(), out);
        }
    } else if (l.subchannel == sub::rw && !rw.empty()) {
        const auto packs = cd::deinterleave_rw(rw);
        std::copy(packs.begin(), packs.end(), out);
    }
    return out + l.sub_bytes();
}

// The R-W of `count` blocks from `lba` and the two after them (READ CD's de-interleaving looks
// ahead) as recorded, zero outside tracks that recorded them; empty when none of the blocks did.
std::expected<std::vector<std::uint8_t>, bool> recorded_rw(const Disc& d, BlockStore& store, std::uint32_t lba,
                                                           std::uint32_t count) {
    constexpr std::size_t block = BlockStore::rw_block_size;
    // Not past the last LBA: the look-ahead ends there.
    const std::uint32_t blocks = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(std::uint64_t{count} + cd::rw_interleave_blocks - 1, std::uint64_t{0x100000000} - lba));
    if (std::none_of(d.tracks.begin(), d.tracks.end(), [](const Track& t) { return t.recorded_rw; })) return {};
    // A block of a track that recorded R-W, or one of the two after its end, where the interleave
    // carries its last packs' symbols.
    const auto kept = [&](std::uint32_t at) {
        for (std::uint32_t back = 0; back < cd::rw_interleave_blocks && back <= at; ++back) {
            const Track* t = d.track_containing(at - back);
            if (t != nullptr && t->recorded_rw && at - back < t->readable_end()) return true;
        }
        return false;
    };
    bool any = false;
    for (std::uint32_t i = 0; i < count && !any; ++i) any = kept(lba + i);
    if (!any) return std::vector<std::uint8_t>{};
    std::vector<std::uint8_t> rw(std::size_t{blocks} * block);
    if (!store.read_rw(lba, rw)) return std::unexpected(false);
    for (std::uint32_t i = 0; i < blocks; ++i)
        if (!kept(lba + i)) std::fill_n(rw.begin() + static_cast<std::ptrdiff_t>(i * block), block, std::uint8_t{0});
    return rw;
}

scsi::SenseData at(scsi::SenseData s, std::int64_t lba) { return s.with_information(static_cast<std::uint32_t>(lba)); }

// Whether a block of kind `b` (and, for XA, of form `form`) is what `type` expects.
bool expected(std::uint8_t type, const CdBlock& b, std::optional<cd::SectorForm> form = std::nullopt) {
    switch (type) {
    case any_type: return true;
    case cd_da_type: return b.audio();
    case mode1_type: return b.kind == CdBlock::Data;
    case mode2_formless_type: return b.kind == CdBlock::Mode2 && b.track->sectors == DataSectors::Mode2;
    default: // Form 1 or Form 2: an XA track; the sector's own form once it is read
        if (b.kind != CdBlock::Mode2 || b.track->sectors != DataSectors::Xa) return false;
        if (!form) return type == form1_type || b.track->form2; // a track without Form 2 sectors
        return *form == (type == form1_type ? cd::SectorForm::Form1 : cd::SectorForm::Form2);
    }
}

Completion read_cd_blocks(DriveState& s, const Command& cmd, const scsi::ReadCdFields& fields, std::int64_t lba,
                          std::int64_t count, std::uint16_t length_byte) {
    // Reserved field values first, whatever the blocks (the data sector combinations come later).
    const auto layout = layout_of(fields);
    if (!layout) return reply_check(layout.error());
    const Disc& disc = s.medium->disc;
    const auto illegal_mode = [](std::int64_t where) {
        return reply_check(at(scsi::sense::illegal_request(asc::illegal_mode_for_this_track), where));
    };
    // Only a CD has CD sectors.
    if (disc.family() != MediaFamily::Cd) return illegal_mode(lba);
    const std::uint8_t type = fields.expected_sector_type();
    if (count == 0) return reply_good();
    if (count > s.profile.max_transfer_blocks && s.profile.max_transfer_blocks != 0)
        return reply_check(scsi::sense::invalid_field_in_cdb(length_byte));
    if (lba < 0 || lba + count > 0xFFFFFFFF)
        return reply_check(at(scsi::sense::illegal_request(asc::lba_out_of_range), lba));
    // Every block must be readable and of the expected type; with any type, the transfer may
    // not cross from audio to data (MMC-6 6.19.2.2: it ends at the transition). The form of an
    // XA sector is checked as it is read.
    const auto first_lba = static_cast<std::uint32_t>(lba);
    std::vector<CdBlock> blocks(static_cast<std::size_t>(count)); // what each is, once for both loops
    for (std::uint32_t i = 0; i < blocks.size(); ++i) blocks[i] = classify(disc, first_lba + i);
    const bool audio = blocks.front().audio();
    bool xa = false, mixed_xa = false;
    for (std::uint32_t i = 0; i < blocks.size(); ++i) {
        if (blocks[i].kind == CdBlock::None) // named by the first block, as READ(10) names it
            return reply_check(at(scsi::sense::illegal_request(asc::lba_out_of_range), lba));
        if (blocks[i].audio() != audio || !expected(type, blocks[i])) return illegal_mode(first_lba + i);
        if (blocks[i].kind == CdBlock::Mode2 && blocks[i].track->sectors == DataSectors::Xa) {
            xa = true;
            mixed_xa = mixed_xa || blocks[i].track->form2;
        }
    }
    if (!audio)
        if (auto e = illegal_for_data(*layout, xa)) return reply_check(*e);
    // The forms of XA sectors are checked before anything is transferred only where a track
    // mixes them; elsewhere the track says.
    const bool check_forms = mixed_xa && (type == form1_type || type == form2_type);
    // Whole blocks that fit the initiator's buffer, and the part of the next one that does.
    const std::size_t room = cmd.data_in.size();
    // Buffers for a chunk of blocks, left uninitialized (the store fills them), and only those
    // the blocks need: 2048-byte user data, or whole 2352-byte blocks.
    constexpr std::size_t chunk_blocks = 32;
    const std::size_t chunk = std::min<std::size_t>(chunk_blocks, blocks.size());
    const bool need_user = std::any_of(blocks.begin(), blocks.end(), [](const CdBlock& b) { return !b.whole(); });
    const bool need_whole = std::any_of(blocks.begin(), blocks.end(), [](const CdBlock& b) { return b.whole(); });
    const auto user = std::make_unique_for_overwrite<std::uint8_t[]>(need_user ? chunk * cd::user_bytes : 0);
    const auto whole = std::make_unique_for_overwrite<std::uint8_t[]>(need_whole ? chunk * cd::raw_sector_bytes : 0);
    std::array<std::uint8_t, cd::raw_sector_bytes + 296 + cd::raw_pw_bytes> one;
    cd::RawSector mode1;
    std::size_t done = 0;
    BlockStore& store = *s.medium->store;
    const auto medium_error = [&](std::uint32_t where) {
        return reply_check(at(scsi::sense::make(scsi::SenseKey::MediumError, asc::unrecovered_read_error), where));
    };
    std::vector<std::uint8_t> rw;
    if (layout->subchannel == sub::raw_pw || layout->subchannel == sub::rw) {
        auto recorded = recorded_rw(disc, store, first_lba, static_cast<std::uint32_t>(count));
        if (!recorded) return medium_error(first_lba);
        rw = std::move(*recorded);
    }
    const auto rw_of = [&](std::uint32_t at_lba) {
        if (rw.empty()) return std::span<const std::uint8_t>{};
        const auto from =
            std::span<const std::uint8_t>(rw).subspan(std::size_t{at_lba - first_lba} * BlockStore::rw_block_size);
        return from.first(std::min(from.size(), cd::rw_interleave_blocks * BlockStore::rw_block_size));
    };
    for (std::uint32_t first = first_lba; first < lba + count && (done < room || check_forms);) {
        const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(chunk_blocks, lba + count - first));
        const auto in_chunk = std::span<const CdBlock>(blocks).subspan(first - first_lba, n);
        const bool any_user = std::any_of(in_chunk.begin(), in_chunk.end(), [](auto& b) { return !b.whole(); });
        const bool any_whole = std::any_of(in_chunk.begin(), in_chunk.end(), [](auto& b) { return b.whole(); });
        const auto user_chunk = std::span<std::uint8_t>(user.get(), any_user ? std::size_t{n} * cd::user_bytes : 0);
        const auto whole_chunk =
            std::span<std::uint8_t>(whole.get(), any_whole ? std::size_t{n} * cd::raw_sector_bytes : 0);
        if ((any_user && !store.read(first, user_chunk)) || (any_whole && !store.read_audio(first, whole_chunk)))
            return medium_error(first);
        for (std::uint32_t i = 0; i < n; ++i) {
            const CdBlock& b = in_chunk[i];
            const std::uint32_t at_lba = first + i;
            const std::uint8_t* raw = whole_chunk.data() + std::size_t{i} * cd::raw_sector_bytes;
            cd::SectorForm form = cd::SectorForm::Mode1;
            if (b.kind == CdBlock::Pause) {
                std::memset(whole_chunk.data() + std::size_t{i} * cd::raw_sector_bytes, 0, cd::raw_sector_bytes);
            } else if (b.kind == CdBlock::Mode2) {
                form = cd::mode2_form(std::span<const std::uint8_t, cd::raw_sector_bytes>(raw, cd::raw_sector_bytes),
                                      b.track->sectors == DataSectors::Xa);
                if (check_forms && !expected(type, b, form)) return illegal_mode(at_lba);
            } else if (b.kind == CdBlock::Data) {
                const auto content = user_chunk.subspan(std::size_t{i} * cd::user_bytes, cd::user_bytes);
                if (layout->sync || layout->header || layout->edc_ecc) {
                    cd::encode_mode1(static_cast<std::int32_t>(at_lba), content, mode1);
                } else {
                    std::copy(content.begin(), content.end(), mode1.begin() + cd::user_offset);
                }
                raw = mode1.data();
            }
            if (done >= room) continue;
            const std::size_t size = layout->main_bytes(b, form) + layout->c2 + layout->sub_bytes();
            if (room - done >= size) {
                done += static_cast<std::size_t>(
                    emit_block(disc, *layout, b, form, at_lba, raw, rw_of(at_lba), cmd.data_in.data() + done) -
                    (cmd.data_in.data() + done));
            } else {
                emit_block(disc, *layout, b, form, at_lba, raw, rw_of(at_lba), one.data());
                std::memcpy(cmd.data_in.data() + done, one.data(), room - done);
                done = room;
            }
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
