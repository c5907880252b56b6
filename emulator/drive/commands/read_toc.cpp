// READ TOC/PMA/ATIP (MMC-6 6.26): formats 0 (TOC), 1 (session information), 2 (full TOC,
// CD only), 4 (ATIP, CD-R/RW only) and 5 (CD-Text, CD only, when the profile's CD Read
// feature says the drive reads it). DVD and BD answer formats 0 and 1 with the fabricated
// TOC of MMC-6 6.26.3.2.4 (one entry per track of the complete sessions, ADR 1, control 4);
// format 2 on DVD fails with 5/24/00 (libburn mmc_read_toc: "For DVD this fails with 5,24,00").
// A disc without a complete session has no TOC: 5/24/00, as drives answer on blank media
// (libburn reads the TOC only when READ DISC INFORMATION says appendable or complete).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>

namespace spindle::handlers {

namespace {

constexpr std::uint8_t adr_control_data = 0x14; // ADR 1 (Q mode 1), control 4 (data track)
constexpr std::uint8_t lead_out_track = 0xAA;

scsi::SenseData invalid_track() { return scsi::sense::invalid_field_in_cdb(6); }

// ADR 1 and a CD track's CONTROL (audio or data, as recorded); DVD and BD tracks are data.
std::uint8_t adr_control(const Disc& d, const Track& t) {
    return d.family() == MediaFamily::Cd ? static_cast<std::uint8_t>(0x10 | (t.track_mode & 0x0F)) : adr_control_data;
}

void address(scsi::ByteWriter& w, std::int64_t lba, bool msf) {
    w.be32(msf ? msf_field(lba) : static_cast<std::uint32_t>(lba));
}

void patch_length(scsi::Bytes& out) { scsi::put_be16(out, 0, static_cast<std::uint16_t>(out.size() - 2)); }

// Format 0000b, MMC-6 table 478/479.
std::optional<scsi::SenseData> toc(const Disc& d, std::uint8_t from, bool msf, scsi::Bytes& out) {
    const std::uint16_t complete = d.complete_session_count();
    std::uint8_t last = 0;
    for (const auto& t : d.tracks)
        if (t.session <= complete) last = static_cast<std::uint8_t>(t.number);
    if (from > last && from != lead_out_track) return invalid_track();
    scsi::ByteWriter w(out);
    w.be16(0).u8(1).u8(last);
    for (const auto& t : d.tracks) {
        if (t.session > complete || t.number < from || from == lead_out_track) continue;
        w.u8(0).u8(adr_control(d, t)).u8(static_cast<std::uint8_t>(t.number)).u8(0);
        address(w, t.start, msf);
    }
    w.u8(0).u8(adr_control(d, *d.track(last))).u8(lead_out_track).u8(0); // the lead-out follows the last track
    address(w, d.lead_out_start(), msf);
    patch_length(out);
    return std::nullopt;
}

// Format 0001b, MMC-6 table 480: the first track of the last complete session.
void session_info(const Disc& d, bool msf, scsi::Bytes& out) {
    const std::uint16_t complete = d.complete_session_count();
    const Track* first = d.track(d.first_track_in_session(complete));
    scsi::ByteWriter w(out);
    w.be16(0).u8(1).u8(static_cast<std::uint8_t>(complete));
    w.u8(0).u8(adr_control(d, *first)).u8(static_cast<std::uint8_t>(first->number)).u8(0);
    address(w, first->start, msf);
    patch_length(out);
}

void full_toc_entry(scsi::ByteWriter& w, std::uint16_t session, std::uint8_t adr_control, std::uint8_t point,
                    std::array<std::uint8_t, 3> atime, std::uint8_t zero, std::array<std::uint8_t, 3> ptime) {
    w.u8(static_cast<std::uint8_t>(session)).u8(adr_control).u8(0).u8(point);
    w.u8(atime[0]).u8(atime[1]).u8(atime[2]).u8(zero).u8(ptime[0]).u8(ptime[1]).u8(ptime[2]);
}

std::array<std::uint8_t, 3> msf_bytes(std::int64_t lba) {
    const Msf m = lba_to_msf(lba);
    return {m.m, m.s, m.f};
}

// Format 0010b, MMC-6 table 481: per session A0 (first track, disc type), A1 (last
// track), A2 (lead-out), the tracks; B0 (ADR 5: next program area and last possible lead-out)
// in the last complete session of an appendable disc.
void full_toc(const Disc& d, std::uint8_t from_session, scsi::Bytes& out) {
    const std::uint16_t complete = d.complete_session_count();
    scsi::ByteWriter w(out);
    w.be16(0).u8(1).u8(static_cast<std::uint8_t>(complete));
    for (std::uint16_t s = std::max<std::uint16_t>(from_session, 1); s <= complete; ++s) {
        const auto first = d.first_track_in_session(s);
        const auto last = d.last_track_in_session(s);
        const Track* lt = d.track(last);
        const std::uint32_t lead_out = lt->start + lt->size;
        const std::uint8_t first_control = adr_control(d, *d.track(first)), last_control = adr_control(d, *lt);
        // PSEC: the disc type, the Session Format its first track was written with (00h, 10h CD-I, 20h XA).
        full_toc_entry(w, s, first_control, 0xA0, {0, 0, 0}, 0,
                       {static_cast<std::uint8_t>(first), d.track(first)->session_format, 0});
        full_toc_entry(w, s, last_control, 0xA1, {0, 0, 0}, 0, {static_cast<std::uint8_t>(last), 0, 0});
        full_toc_entry(w, s, last_control, 0xA2, {0, 0, 0}, 0, msf_bytes(lead_out));
        for (auto n = first; n <= last; ++n)
            full_toc_entry(w, s, adr_control(d, *d.track(n)), static_cast<std::uint8_t>(n), {0, 0, 0}, 0,
                           msf_bytes(d.track(n)->start));
        if (s == complete && d.status == DiscStatus::Incomplete) {
            const Track* next = d.invisible_track();
            full_toc_entry(w, s, 0x54, 0xB0, next ? msf_bytes(next->start) : std::array<std::uint8_t, 3>{},
                           static_cast<std::uint8_t>(complete), msf_bytes(d.capacity_blocks));
        }
    }
    patch_length(out);
}

// Format 0100b, MMC-6 table 484: ATIP of a CD-R/RW.
void atip(const Disc& d, scsi::Bytes& out) {
    const bool rw = d.kind == MediaKind::CdRw;
    scsi::ByteWriter w(out);
    w.be16(0).u8(0).u8(0);
    w.u8(0x80 | 0x50 /* indicative target writing power 5 */ | 0x00 /* reference speed */);
    w.u8(0x40);                                                 // URU: unrestricted use
    w.u8(static_cast<std::uint8_t>(0x80 | (rw ? 0x40 : 0x00))); // disc type; no A1/A2/A3
    w.u8(0);
    w.bytes(msf_bytes(d.atip_lead_in_start)).u8(0);               // bytes 8-11
    w.bytes(msf_bytes(media_type(d.kind).capacity_blocks)).u8(0); // bytes 12-15
    w.zeros(3).u8(0).zeros(3).u8(0).zeros(3).u8(0);               // A1, A2, A3 values
    patch_length(out);
}

// Format 0101b, MMC-6 table 486 and Annex J: the CD-Text packs of the lead-in after a 4-byte
// header (data length, two reserved bytes). A CD without CD-Text has the header alone: a
// length of 2, which cdrdao (readCdTextPacks: length <= 4) and libcdio read as none.
void cd_text(const Disc& d, scsi::Bytes& out) {
    out.reserve(4 + d.cd_text.size());
    scsi::ByteWriter w(out);
    w.be16(0).u8(0).u8(0).bytes(d.cd_text);
    patch_length(out);
}

// Feature 001Eh (CD Read) byte 4 bit 0: the drive reads CD-Text (MMC-6 5.3.13).
bool reads_cd_text(const DriveProfile& p) {
    constexpr std::uint16_t cd_read = 0x001E;
    const FeatureDescriptor* f = p.feature(cd_read);
    return f != nullptr && !f->data.empty() && (f->data[0] & 0x01) != 0;
}

} // namespace

Completion read_toc_pma_atip(DriveState& s, const Command& cmd) {
    const scsi::ReadTocCdb cdb(cmd.cdb);
    const Disc& d = s.medium->disc;
    std::uint8_t format = cdb.format();
    if (format == 0) format = cdb.legacy_format(); // SFF-8020 callers (Linux cdrom.c for multisession)
    const bool cd = d.family() == MediaFamily::Cd;
    scsi::Bytes out;
    switch (format) {
    case 0x0:
    case 0x1:
        if (d.complete_session_count() == 0) return reply_check(scsi::sense::invalid_field_in_cdb(2));
        if (format == 0) {
            if (auto e = toc(d, cdb.track_session_number(), cdb.msf(), out)) return reply_check(*e);
        } else {
            session_info(d, cdb.msf(), out);
        }
        break;
    case 0x2:
        if (!cd || d.complete_session_count() == 0) return reply_check(scsi::sense::invalid_field_in_cdb(2));
        full_toc(d, cdb.track_session_number(), out);
        break;
    case 0x4:
        if (d.kind != MediaKind::CdR && d.kind != MediaKind::CdRw)
            return reply_check(scsi::sense::invalid_field_in_cdb(2));
        atip(d, out);
        break;
    case 0x5:
        if (!cd || !reads_cd_text(s.profile)) return reply_check(scsi::sense::invalid_field_in_cdb(2, 3));
        cd_text(d, out);
        break;
    default: return reply_check(scsi::sense::invalid_field_in_cdb(2, 3)); // PMA: none recorded
    }
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers
