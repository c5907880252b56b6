// READ TRACK INFORMATION (MMC-6 6.27, table 528/529). Address types: 00b the track holding
// an LBA, 01b a track number (FFh: the invisible track of a blank/appendable CD-R/RW, DVD±R,
// DVD-RW or BD-R — libburn and growisofs ask for FFh), 10b the first track of a session.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "scsi/cdb_read.hpp"

namespace spindle::handlers {

namespace {

const Track* find(const Disc& d, std::uint8_t type, std::uint32_t address) {
    switch (type) {
    case 0x0: return d.track_containing(address);
    case 0x1:
        if (address == 0xFF) return d.invisible_track();
        return address > 0xFFFF ? nullptr : d.track(static_cast<std::uint16_t>(address));
    case 0x2:
        if (address == 0 || address > d.session_count()) return nullptr;
        return d.track(d.first_track_in_session(static_cast<std::uint16_t>(address)));
    default: return nullptr;
    }
}

// DVD+R DL keeps a ROM-compatible copy of the file system start: a blank disc reports 266240
// (dvd+rw-mediainfo, blank DVD+R DL: "ROM Compatibility LBA: 266240").
std::uint32_t read_compatibility_lba(const Disc& d) { return d.kind == MediaKind::DvdPlusRDl ? 266240 : 0; }

scsi::Bytes information(const Disc& d, const Track& t) {
    const bool random = d.random_access();
    const bool nwa_valid = !random && t.writable() && d.type().recordable;
    const bool lra_valid = d.family() != MediaFamily::Cd && t.recorded > 0 && !random;
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.be16(46);
    w.u8(static_cast<std::uint8_t>(t.number & 0xFF)).u8(static_cast<std::uint8_t>(t.session & 0xFF)).u8(0);
    w.u8(static_cast<std::uint8_t>((t.damaged ? 0x20 : 0) | (t.track_mode & 0x0F)));
    w.u8(static_cast<std::uint8_t>((t.reserved ? 0x80 : 0) | (t.blank() && !random ? 0x40 : 0) |
                                   (t.incremental ? 0x20 : 0) | (t.fixed_packet ? 0x10 : 0) | (t.data_mode & 0x0F)));
    w.u8(static_cast<std::uint8_t>((lra_valid ? 0x02 : 0) | (nwa_valid ? 0x01 : 0)));
    w.be32(t.start);
    w.be32(nwa_valid ? t.next_writable() : 0);
    w.be32(random || !d.type().recordable ? 0 : t.free_blocks());
    w.be32(t.packet_size);
    w.be32(t.size);
    w.be32(lra_valid ? t.start + t.recorded - 1 : 0);
    w.u8(static_cast<std::uint8_t>(t.number >> 8)).u8(static_cast<std::uint8_t>(t.session >> 8)).zeros(2);
    w.be32(t.blank() ? read_compatibility_lba(d) : 0);
    w.be32(0).be32(0); // next / last layer jump address (DVD-R DL layer jump only)
    return out;
}

} // namespace

Completion read_track_information(DriveState& s, const Command& cmd) {
    const scsi::ReadTrackInformationCdb cdb(cmd.cdb);
    if (cdb.open()) return reply_check(scsi::sense::invalid_field_in_cdb(1, 2)); // no open-track selection
    if (cdb.address_type() == 0x3) return reply_check(scsi::sense::invalid_field_in_cdb(1, 1));
    const Disc& d = s.medium->disc;
    const Track* t = find(d, cdb.address_type(), cdb.address());
    if (t == nullptr) {
        // An LBA outside every track is LBA OUT OF RANGE; a missing track or session an invalid field.
        if (cdb.address_type() == 0x0) return reply_check(scsi::sense::illegal_request(scsi::asc::lba_out_of_range));
        return reply_check(scsi::sense::invalid_field_in_cdb(2));
    }
    return reply_data(cmd, information(d, *t), cdb.allocation_length());
}

} // namespace spindle::handlers
