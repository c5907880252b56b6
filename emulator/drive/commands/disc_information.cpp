// READ DISC INFORMATION (MMC-6 6.22): data type 000b standard disc information (table 509)
// and 001b track resources (table 513). 010b POW resources exist on BD-R POW only, which
// spindle does not model: 5/24/00, as for every reserved data type.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/media/msf.hpp"
#include "scsi/cdb_read.hpp"

namespace spindle::handlers {

namespace {

constexpr std::uint32_t none = 0xFFFFFFFF;

// Bytes 16-19 and 20-23: on CD, MSF (00h M S F) from the ATIP; on DVD/BD an LBA. A blank disc
// gives the lead-in of its first session (libburn mmc_read_disc_info reads the blank CD's
// start/end here), an appendable one that of the next session; a complete disc FFFFFFFFh.
std::pair<std::uint32_t, std::uint32_t> lead_in_and_out(const Disc& d) {
    if (d.status == DiscStatus::Complete || d.status == DiscStatus::Other || !d.type().recordable ||
        d.type().random_access)
        return {none, none};
    const bool cd = d.family() == MediaFamily::Cd;
    const Track* next = d.invisible_track();
    if (cd) {
        std::int64_t lead_in = d.atip_lead_in_start;
        if (next != nullptr && next->session > 1) {
            const Track* prev = d.track(d.last_track_in_session(static_cast<std::uint16_t>(next->session - 1)));
            lead_in = prev->end() + cd_lead_out_length(prev->session);
        }
        return {msf_field(lead_in), msf_field(media_type(d.kind).capacity_blocks)};
    }
    return {next != nullptr && next->session > 1 ? next->start : 0, d.capacity_blocks};
}

scsi::Bytes standard(const Disc& d) {
    const std::uint16_t sessions = d.session_count();
    const std::uint16_t first_last = d.first_track_in_session(sessions);
    const std::uint16_t last_last = d.last_track_in_session(sessions);
    const bool cd_recordable = d.kind == MediaKind::CdR || d.kind == MediaKind::CdRw;
    const auto [lead_in, lead_out] = lead_in_and_out(d);
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.be16(32);
    w.u8(static_cast<std::uint8_t>((d.type().rewritable ? 0x10 : 0) | (static_cast<unsigned>(d.last_session) << 2) |
                                   static_cast<unsigned>(d.status)));
    w.u8(1); // first track on the disc
    w.u8(static_cast<std::uint8_t>(sessions & 0xFF));
    w.u8(static_cast<std::uint8_t>(first_last & 0xFF));
    w.u8(static_cast<std::uint8_t>(last_last & 0xFF));
    w.u8(static_cast<std::uint8_t>((cd_recordable ? 0x20 : 0) | static_cast<unsigned>(d.background_format)));
    // Disc type (MMC-6 table 512): the first session's, as the TOC's A0 point gives it (00h CD-DA
    // or CD-ROM, 10h CD-I, 20h CD-ROM XA); 00h on DVD/BD.
    w.u8(d.tracks.empty() || d.family() != MediaFamily::Cd ? 0x00 : d.tracks.front().session_format);
    w.u8(static_cast<std::uint8_t>(sessions >> 8));
    w.u8(static_cast<std::uint8_t>(first_last >> 8));
    w.u8(static_cast<std::uint8_t>(last_last >> 8));
    w.be32(0); // disc identification (DID_V = 0)
    w.be32(lead_in).be32(lead_out);
    w.zeros(8); // disc bar code (DBC_V = 0)
    w.u8(0);    // disc application code
    w.u8(0);    // number of OPC tables
    return out;
}

scsi::Bytes track_resources(const Disc& d) {
    const bool cd = d.family() == MediaFamily::Cd;
    const std::uint16_t max_tracks = cd ? 99 : (d.family() == MediaFamily::Bd ? 7927 : 16384);
    const std::uint16_t assigned = d.last_track_number();
    const bool appendable = d.status != DiscStatus::Complete && d.type().recordable && !d.type().random_access;
    const auto remaining =
        static_cast<std::uint16_t>(appendable ? max_tracks - assigned + (d.invisible_track() ? 1 : 0) : 0);
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.be16(10).u8(0x01).u8(0);
    w.be16(max_tracks).be16(assigned).be16(appendable ? max_tracks : 0).be16(remaining);
    return out;
}

} // namespace

Completion read_disc_information(DriveState& s, const Command& cmd) {
    const scsi::ReadDiscInformationCdb cdb(cmd.cdb);
    const Disc& d = s.medium->disc;
    switch (cdb.data_type()) {
    case 0x0: return reply_data(cmd, standard(d), cdb.allocation_length());
    case 0x1: return reply_data(cmd, track_resources(d), cdb.allocation_length());
    default: return reply_check(scsi::sense::invalid_field_in_cdb(1, 2));
    }
}

} // namespace spindle::handlers
