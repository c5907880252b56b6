// READ CD (MMC-6 6.19) and READ CD MSF (6.20): blocks of a CD with the fields of the sector
// the host selects. spindle records CD-ROM Mode 1 data: the drive rebuilds sync, header and
// EDC/ECC from the user data (media/cd_sector.hpp) and the sub-channels from the layout
// (media/cd_subchannel.hpp). C2 error pointers are all zero: a modelled disc reads cleanly.
// The last block read is the head's position for READ SUB-CHANNEL.
#include "emulator/drive/handlers.hpp"
#include "emulator/drive/reply.hpp"
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "emulator/scsi/cdb_read.hpp"

#include <algorithm>
#include <cstring>
#include <expected>
#include <optional>
#include <vector>

namespace spindle::handlers {

namespace {

namespace asc = scsi::asc;

// Expected Sector Type (byte 1): 0 any, 1 CD-DA, 2 Mode 1, 3 Mode 2 formless, 4 Mode 2 Form 1,
// 5 Mode 2 Form 2; 6 and 7 are reserved.
constexpr std::uint8_t any_type = 0, mode1_type = 2, last_type = 5;
// Header codes (byte 9 bits 6-5): none, header, subheader, all headers. Mode 1 has no subheader.
constexpr std::uint8_t header_only = 1, all_headers = 3;
// Error field (bits 2-1): none, C2 error bits (294 bytes), C2 and block error byte (296).
constexpr std::size_t c2_bytes[] = {0, 294, 296};
// Sub-channel selection (byte 10): none, raw P-W, formatted Q, corrected and de-interleaved R-W.
constexpr std::uint8_t sub_none = 0, sub_raw = 1, sub_q = 2, sub_rw = 4;
constexpr std::size_t formatted_q_bytes = 16;

struct Layout {
    bool sync, header, user, edc_ecc;
    std::size_t c2;
    std::uint8_t subchannel;

    std::size_t main_bytes() const {
        return (sync ? cd::sync_bytes : 0) + (header ? cd::header_bytes : 0) + (user ? cd::user_bytes : 0) +
               (edc_ecc ? cd::edc_ecc_bytes : 0);
    }
    std::size_t sub_bytes() const {
        return subchannel == sub_q ? formatted_q_bytes : subchannel == sub_none ? 0 : cd::raw_pw_bytes;
    }
    std::size_t block_bytes() const { return main_bytes() + c2 + sub_bytes(); }
    bool needs_raw() const { return sync || header || edc_ecc; }
};

// The CDB's selection for a Mode 1 sector, or the field MMC-6 table 392 makes illegal: sync
// needs the header after it; EDC/ECC after a header needs the user data between them.
std::expected<Layout, scsi::SenseData> mode1_layout(const scsi::ReadCdFields& f) {
    if (f.expected_sector_type() > last_type) return std::unexpected(scsi::sense::invalid_field_in_cdb(1, 4));
    if (f.c2_error() == 3) return std::unexpected(scsi::sense::invalid_field_in_cdb(9, 2));
    const std::uint8_t sub = f.subchannel();
    if (sub != sub_none && sub != sub_raw && sub != sub_q && sub != sub_rw)
        return std::unexpected(scsi::sense::invalid_field_in_cdb(10, 2));
    const bool header = f.header_codes() == header_only || f.header_codes() == all_headers;
    if ((f.sync() && !header) || (f.edc_ecc() && !f.user_data() && f.header_codes() != 0))
        return std::unexpected(scsi::sense::invalid_field_in_cdb(9));
    return Layout{f.sync(), header, f.user_data(), f.edc_ecc(), c2_bytes[f.c2_error()], sub};
}

// One block in the order MMC-6 gives: main channel fields, C2 information, sub-channel.
void emit_block(const Layout& l, const Disc& disc, std::int32_t lba, scsi::ByteView user, cd::RawSector& raw,
                std::uint8_t* out) {
    if (l.needs_raw()) cd::encode_mode1(lba, user, raw);
    auto put = [&](const std::uint8_t* from, std::size_t n) {
        std::memcpy(out, from, n);
        out += n;
    };
    if (l.sync) put(raw.data(), cd::sync_bytes);
    if (l.header) put(raw.data() + cd::sync_bytes, cd::header_bytes);
    if (l.user) put(user.data(), cd::user_bytes);
    if (l.edc_ecc) put(raw.data() + cd::edc_offset, cd::edc_ecc_bytes);
    std::memset(out, 0, l.c2 + l.sub_bytes());
    out += l.c2;
    if (l.subchannel == sub_raw || l.subchannel == sub_q) {
        const Track* t = disc.track_containing(static_cast<std::uint32_t>(lba));
        const std::uint8_t control = t != nullptr ? t->track_mode : 0x4;
        const std::uint8_t number = t != nullptr ? static_cast<std::uint8_t>(t->number) : 1;
        const std::uint32_t relative = t != nullptr ? static_cast<std::uint32_t>(lba) - t->start : 0;
        const cd::QFrame q = cd::q_position(control, number, 1, relative, lba);
        if (l.subchannel == sub_q) {
            std::copy(q.begin(), q.end(), out);
        } else {
            const auto pw = cd::raw_pw(q, false);
            std::copy(pw.begin(), pw.end(), out);
        }
    }
}

Completion read_cd_blocks(DriveState& s, const Command& cmd, const scsi::ReadCdFields& fields, std::int64_t lba,
                          std::int64_t count, std::uint16_t length_byte) {
    const auto layout = mode1_layout(fields);
    if (!layout) return reply_check(layout.error());
    const Disc& disc = s.medium->disc;
    const auto illegal_mode = [&] {
        return reply_check(scsi::sense::illegal_request(asc::illegal_mode_for_this_track)
                               .with_information(static_cast<std::uint32_t>(lba)));
    };
    // Only a CD has CD sectors; on a CD every recorded track is Mode 1 data.
    if (disc.family() != MediaFamily::Cd) return illegal_mode();
    const std::uint8_t type = fields.expected_sector_type();
    if (type != any_type && type != mode1_type) return illegal_mode();
    if (count == 0) return reply_good();
    if (count > s.profile.max_transfer_blocks && s.profile.max_transfer_blocks != 0)
        return reply_check(scsi::sense::invalid_field_in_cdb(length_byte));
    if (lba < 0 || lba + count > 0xFFFFFFFF ||
        !disc.readable(static_cast<std::uint32_t>(lba), static_cast<std::uint32_t>(count)))
        return reply_check(
            scsi::sense::illegal_request(asc::lba_out_of_range).with_information(static_cast<std::uint32_t>(lba)));
    // Whole blocks that fit the initiator's buffer, and the part of the next one that does.
    const std::size_t block = layout->block_bytes();
    const std::size_t wanted = std::min<std::size_t>(static_cast<std::size_t>(count) * block, cmd.data_in.size());
    constexpr std::size_t chunk_blocks = 32;
    std::vector<std::uint8_t> user(chunk_blocks * cd::user_bytes);
    std::vector<std::uint8_t> one(block);
    cd::RawSector raw{};
    std::size_t done = 0;
    for (std::int64_t at = lba; done < wanted;) {
        const auto n = static_cast<std::size_t>(std::min<std::int64_t>(chunk_blocks, lba + count - at));
        const auto chunk = std::span<std::uint8_t>(user).first(n * cd::user_bytes);
        if (!s.medium->store->read(static_cast<std::uint32_t>(at), chunk))
            return reply_check(scsi::sense::make(scsi::SenseKey::MediumError, asc::unrecovered_read_error)
                                   .with_information(static_cast<std::uint32_t>(at)));
        for (std::size_t i = 0; i < n && done < wanted; ++i, ++at) {
            const std::size_t take = std::min(block, wanted - done);
            std::uint8_t* out = take == block ? cmd.data_in.data() + done : one.data();
            emit_block(*layout, disc, static_cast<std::int32_t>(at), chunk.subspan(i * cd::user_bytes, cd::user_bytes),
                       raw, out);
            if (out == one.data()) std::memcpy(cmd.data_in.data() + done, one.data(), take);
            done += take;
        }
    }
    s.head_lba = static_cast<std::uint32_t>(lba + count - 1);
    Completion c;
    c.data_in_length = done;
    c.residual = cmd.data_in.size() - done;
    return c;
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
