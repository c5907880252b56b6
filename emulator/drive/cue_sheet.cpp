#include "emulator/drive/cue_sheet.hpp"

#include "emulator/media/cd_subchannel.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/sense_codes.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace spindle {

namespace {

namespace asc = scsi::asc;

constexpr std::size_t descriptor_size = 8;
// MMC-6 table 590 (cue sheet descriptor): byte 0 CTL/ADR, 1 TNO, 2 INDEX, 3 DATA FORM, 4 SCMS, 5-7 MSF.
constexpr std::uint8_t lead_in_tno = 0x00;
constexpr std::uint8_t lead_out_tno = 0xAA;
constexpr std::uint8_t adr_position = 1, adr_catalog = 2, adr_isrc = 3;
constexpr std::uint8_t ctl_data = 0x40; // CTL bit 2: data track
// Data forms of main data (byte 3 bits 5-0, MMC-6 table 593): CD-DA with 2352 bytes from the
// host or none (the drive writes silence); CD-ROM Mode 1 with 2048 bytes from the host, or
// none (the drive fills the block).
constexpr std::uint8_t audio_from_host = 0x00;
constexpr std::uint8_t audio_by_drive = 0x01;
constexpr std::uint8_t mode1_from_host = 0x10;
constexpr std::uint8_t mode1_by_drive = 0x14;
// CD-ROM XA and formless Mode 2 with 2336 bytes from the host (subheader, user data and the
// EDC/ECC area the drive recomputes; all user data), or none (the drive fills the block).
constexpr std::uint8_t xa_from_host = 0x20;
constexpr std::uint8_t xa_by_drive = 0x24;
constexpr std::uint8_t mode2_from_host = 0x30;
constexpr std::uint8_t mode2_by_drive = 0x34;
// The same three with the whole 2352-byte sector from the host (sync, header and all; the drive
// keeps what it holds of each sector and makes the rest again).
constexpr std::uint8_t mode1_raw = 0x11, xa_raw = 0x21, mode2_raw = 0x31;

// The sectors of a data track of data form `form`, if the drive takes it.
std::optional<DataSectors> data_form_sectors(std::uint8_t form) {
    switch (form) {
    case mode1_from_host:
    case mode1_raw:
    case mode1_by_drive: return DataSectors::Mode1;
    case xa_from_host:
    case xa_raw:
    case xa_by_drive: return DataSectors::Xa;
    case mode2_from_host:
    case mode2_raw:
    case mode2_by_drive: return DataSectors::Mode2;
    default: return std::nullopt;
    }
}
bool raw_form(std::uint8_t form) { return form == mode1_raw || form == xa_raw || form == mode2_raw; }
bool from_host(std::uint8_t form) {
    return form == audio_from_host || form == mode1_from_host || form == xa_from_host || form == mode2_from_host ||
           raw_form(form);
}
// Byte 3 bits 7-6: sub-channel data from the host with each block, 96 bytes of R-W (01b raw,
// 11b packed; cdrdao subChannelDataForm): in the lead-in, CD-Text packs.
constexpr std::uint8_t subchannel_bits = 0xC0;
constexpr std::uint8_t raw_rw = 0x40, packed_rw = 0xC0;
constexpr std::uint32_t rw_bytes = 96;

std::unexpected<scsi::SenseData> bad(std::size_t byte, std::optional<std::uint8_t> bit = std::nullopt) {
    return std::unexpected(scsi::sense::invalid_field_in_parameter_list(static_cast<std::uint16_t>(byte), bit));
}

} // namespace

std::expected<CueSheet, scsi::SenseData> parse_cue_sheet(scsi::ByteView list, const Track& open, bool records_rw) {
    CueSheet cue;
    bool lead_in = false;
    std::optional<std::size_t> lead_out_at, first_track_at;
    std::optional<std::int64_t> host_pregap;            // track 1 index 0 with data from the host
    std::uint16_t index0_of = 0;                        // the track whose index 0 came last
    std::pair<std::uint16_t, std::string> pending_isrc; // for the track whose index 1 comes next
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
    for (std::size_t at = 0; at + descriptor_size <= list.size(); at += descriptor_size) {
        const auto d = list.subspan(at, descriptor_size);
        const std::uint8_t adr = d[0] & 0x0F;
        if (adr == adr_catalog || adr == adr_isrc) { // MCN and ISRC take two descriptors
            if (at + 2 * descriptor_size > list.size()) return bad(at);
            const auto next = list.subspan(at + descriptor_size, descriptor_size);
            if (adr == adr_catalog) {
                // Characters 1-7 in bytes 1-7, then 8-13 in bytes 1-6 of the next (MMC-6 6.33.3.4).
                cue.mcn.assign(d.begin() + 1, d.end());
                cue.mcn.append(next.begin() + 1, next.begin() + 7);
                if (!cd::valid_mcn(cue.mcn)) return bad(at + 1);
            } else {
                // TNO, then characters 1-6 in bytes 2-7 and 7-12 in the next's bytes 2-7.
                std::string isrc(d.begin() + 2, d.end());
                isrc.append(next.begin() + 2, next.end());
                if (!cd::valid_isrc(isrc) || next[1] != d[1]) return bad(at + 2);
                pending_isrc = {d[1], std::move(isrc)};
            }
            at += descriptor_size;
            continue;
        }
        if (adr != adr_position) return bad(at, 3);
        if (lead_out_at) return bad(at + 1); // the lead-out is the last descriptor
        if (d[5] > 99 || d[6] > 59 || d[7] > 74) return bad(at + 5);
        const std::uint8_t tno = d[1], index = d[2], form = d[3] & 0x3F, rw = d[3] & subchannel_bits;
        if (rw != 0 && !records_rw) return bad(at + 3, 7);
        if (tno == lead_in_tno) {
            if (lead_in || !cue.tracks.empty() || index0_of != 0) return bad(at + 1);
            lead_in = true;
            cue.lead_in_text = rw != 0; // R-W from the host: CD-Text
            continue;
        }
        if (!lead_in) return bad(at + 1); // the lead-in comes first
        const std::int64_t lba = msf_to_lba(d[5], d[6], d[7]);
        if (lba < last) return bad(at + 5); // addresses ascend
        last = lba;
        if (!cue.tracks.empty() && !cue.tracks.back().index_marks.empty() &&
            lba <= cue.tracks.back().index_marks.back())
            return bad(at + 5); // the track's last mark lies inside it
        if (tno == lead_out_tno) {
            lead_out_at = at;
            cue.lead_out = lba;
            continue;
        }
        // CD-DA audio, Mode 1, CD-ROM XA and formless Mode 2 data tracks.
        const bool audio = (d[0] & ctl_data) == 0;
        const auto sectors = data_form_sectors(form);
        if (audio ? form != audio_from_host && form != audio_by_drive : !sectors) return bad(at + 3);
        if (rw != 0 && ((rw != raw_rw && rw != packed_rw) || !from_host(form))) return bad(at + 3, 7);
        const std::uint16_t current = cue.tracks.empty() ? 0 : cue.tracks.back().number;
        const std::uint16_t expected_new = cue.tracks.empty() ? open.number : static_cast<std::uint16_t>(current + 1);
        if (index == 0) {
            if (tno != expected_new || index0_of == tno) return bad(at + 1);
            index0_of = tno;
            if (tno == open.number && from_host(form)) {
                host_pregap = lba;
                cue.pregap_block_bytes = (audio || raw_form(form)         ? 2352
                                          : sectors == DataSectors::Mode1 ? 2048
                                                                          : 2336) +
                                         (rw != 0 ? rw_bytes : 0);
            }
        } else if (index == 1) {
            if (tno != expected_new || tno > 99) return bad(at + 1);
            if (cue.tracks.empty())
                first_track_at = at;
            else if (lba == cue.tracks.back().start)
                return bad(at + 5); // a track holds a block at least
            const CueRw rw_from_host = rw == raw_rw ? CueRw::Raw : rw == packed_rw ? CueRw::Packed : CueRw::None;
            cue.tracks.push_back(CueTrack{tno,
                                          lba,
                                          static_cast<std::uint8_t>(d[0] >> 4),
                                          audio ? DataSectors::Mode1 : *sectors,
                                          {},
                                          rw_from_host,
                                          !audio && raw_form(form)});
            if (pending_isrc.first == tno) cue.tracks.back().isrc = std::move(pending_isrc.second);
            pending_isrc = {};
        } else {
            // An index mark of the current track, the next index at a later block, before the
            // next track's pregap.
            if (tno != current || index0_of == current + 1) return bad(at + 1);
            auto& marks = cue.tracks.back().index_marks;
            if (index > 99 || index != marks.size() + 2) return bad(at + 2);
            if (lba <= (marks.empty() ? cue.tracks.back().start : marks.back())) return bad(at + 5);
            marks.push_back(static_cast<std::uint32_t>(lba));
        }
    }
    if (!lead_in || !lead_out_at || !first_track_at) return bad(0);
    // The session starts where the disc may be written next, and fits on it.
    if (cue.tracks.front().start != open.start) return bad(*first_track_at + 5);
    if (cue.lead_out <= cue.tracks.back().start || cue.lead_out > open.end()) return bad(*lead_out_at + 5);
    cue.pregap_start = host_pregap.value_or(cue.tracks.front().start);
    return cue;
}

std::expected<std::uint32_t, scsi::SenseData> take_pregap(DriveState& s, std::uint32_t lba, std::uint32_t count) {
    if (!s.cue_pregap || s.cue_pregap->of != s.medium.get()) return 0U;
    CuePregap& p = *s.cue_pregap;
    const std::int64_t at = static_cast<std::int32_t>(lba);
    if (p.next >= p.end || at >= p.end) return 0U;
    if (at != p.next)
        return std::unexpected(scsi::sense::illegal_request(asc::invalid_address_for_write).with_information(lba));
    const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(count, p.end - at));
    p.next += n;
    return n;
}

} // namespace spindle
