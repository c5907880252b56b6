// READ DISC STRUCTURE (MMC-6 6.23). DVD (media type 0): 00h physical format (table 463),
// 01h copyright (table 465), 11h ADIP of DVD+R/+RW (table 476) and FFh the structure list
// (table 478), and 20h layer boundary of DVD±R DL (table 481); BD (media type 1): 00h disc
// information (table 486) and FFh. A structure the
// loaded medium does not have is 5/24/00; DVD structures of a CD are 5/30/02 CANNOT READ
// MEDIUM - INCOMPATIBLE FORMAT (what drives answer libdvdread/dvd+rw-mediainfo on a CD).
// The command runs on any drive state; every format needs a ready medium here, FFh included,
// since the list describes the loaded disc.
// SEND DISC STRUCTURE (MMC-6 6.35) takes format 20h: the layer 0 data zone capacity of a blank
// DVD±R DL, which growisofs and libburn set to split an image evenly between the layers.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_target.hpp"
#include "emulator/media/disc_writer.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <algorithm>

#include <vector>

namespace spindle::handlers {

namespace {

constexpr std::uint32_t dvd_data_start_psn = 0x030000;

// Book type (bits 7-4) and part version (bits 3-0), byte 4 of the physical format.
std::uint8_t book(MediaKind k) {
    switch (k) {
    case MediaKind::DvdRam: return 0x16;
    case MediaKind::DvdMinusR:
    case MediaKind::DvdMinusRDl: return 0x25;
    case MediaKind::DvdMinusRwSequential:
    case MediaKind::DvdMinusRwRestricted: return 0x32;
    case MediaKind::DvdPlusRw: return 0x92;
    case MediaKind::DvdPlusR: return 0xA1;
    case MediaKind::DvdPlusRDl: return 0xE1;
    default: return 0x01; // DVD-ROM
    }
}

// Layer type, byte 6 bits 3-0: 1 embossed, 2 recordable, 4 rewritable.
std::uint8_t layer_type(const MediaType& t) {
    if (!t.recordable) return 0x1;
    return t.rewritable ? 0x4 : 0x2;
}

bool dual_layer_recordable(const Disc& d) {
    return d.kind == MediaKind::DvdPlusRDl || d.kind == MediaKind::DvdMinusRDl;
}

std::uint32_t layer0_capacity(const Disc& d) { return d.layer0_capacity ? d.layer0_capacity : d.capacity_blocks / 2; }

// Once a block is written the layer boundary is fixed (InitStatus 1: "can no longer be set").
bool layer_boundary_fixed(const Disc& d) {
    return d.status != DiscStatus::Empty ||
           std::ranges::any_of(d.tracks, [](const Track& t) { return t.recorded > 0; });
}

scsi::Bytes layer_boundary(const Disc& d) {
    scsi::Bytes b;
    scsi::ByteWriter w(b);
    w.u8(layer_boundary_fixed(d) ? 0x80 : 0x00).zeros(3).be32(layer0_capacity(d));
    return b;
}

scsi::Bytes with_header(const scsi::Bytes& body) {
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.be16(static_cast<std::uint16_t>(body.size() + 2)).zeros(2).bytes(body);
    return out;
}

scsi::Bytes physical_format(const Disc& d) {
    const auto& t = d.type();
    const std::uint32_t blocks = media_type(d.kind).capacity_blocks;
    scsi::Bytes b;
    scsi::ByteWriter w(b);
    w.u8(book(d.kind));
    w.u8(0x02); // 120 mm, maximum rate 10.08 Mbps
    const bool dual = t.layers == 2;
    // Dual layer recordables use opposite track path (OTP): layer 1 runs back outwards.
    w.u8(static_cast<std::uint8_t>((dual ? 0x20 : 0) | (dual ? 0x10 : 0) | layer_type(t)));
    w.u8(0x10); // linear density 0.293 um/bit, track density 0.74 um
    w.u8(0).be24(dvd_data_start_psn);
    const std::uint32_t per_layer = dual ? (dual_layer_recordable(d) ? layer0_capacity(d) : blocks / 2) : blocks;
    const std::uint32_t layer0_end = dvd_data_start_psn + per_layer - 1;
    w.u8(0).be24(dual ? (~dvd_data_start_psn & 0xFFFFFF) : layer0_end);
    w.u8(0).be24(dual ? layer0_end : 0);
    w.u8(0); // no BCA
    w.zeros(2048 - b.size());
    return b;
}

scsi::Bytes adip(const Disc& d) {
    scsi::Bytes b;
    scsi::ByteWriter w(b);
    w.u8(book(d.kind)).u8(0x02).u8(layer_type(d.type())).u8(0x10);
    w.u8(0).be24(dvd_data_start_psn).u8(0).be24(dvd_data_start_psn + media_type(d.kind).capacity_blocks - 1);
    w.zeros(3);            // bytes 16-18
    w.ascii("SPINDLE", 8); // bytes 19-26: disc manufacturer ID
    w.ascii("R01", 3);     // bytes 27-29: media type ID
    w.u8(1);               // byte 30: product revision
    w.zeros(256 - b.size());
    return b;
}

// BD disc information: one 112-byte DI unit in a 4096-byte structure (the PIC cluster).
scsi::Bytes bd_disc_information(const Disc& d) {
    const char* type = !d.type().recordable ? "BDO" : (d.type().rewritable ? "BDW" : "BDR");
    scsi::Bytes b;
    scsi::ByteWriter w(b);
    w.ascii("DI", 2).u8(0x01).u8(0x00).u8(0x01).u8(0).u8(0).u8(0); // version, unit 0, 1 unit in block
    w.ascii(type, 3);
    w.u8(0x01);                                            // disc size 120 mm, class 0, version 1
    w.u8(static_cast<std::uint8_t>(d.type().layers << 4)); // layers, this layer 0
    w.u8(0x11);                                            // channel bit length 74.5 nm
    w.zeros(4);
    w.be32(0x00100000); // first PAA of the data zone
    w.be32(0x00100000 + media_type(d.kind).capacity_blocks / 2 * 2);
    w.zeros(112 - b.size());
    w.zeros(4096 - b.size());
    return b;
}

struct Entry {
    std::uint8_t format;
    bool sds, rds;
    std::uint16_t length;
};

std::vector<Entry> structures(const Disc& d) {
    if (d.family() == MediaFamily::Bd) return {{0x00, false, true, 4096 + 2}, {0xFF, false, true, 0xFFFF}};
    std::vector<Entry> v{{0x00, false, true, 2048 + 2}, {0x01, false, true, 4 + 2}};
    if (d.kind == MediaKind::DvdPlusR || d.kind == MediaKind::DvdPlusRw || d.kind == MediaKind::DvdPlusRDl)
        v.push_back({0x11, false, true, 256 + 2});
    if (dual_layer_recordable(d)) v.push_back({0x20, true, true, 8 + 2});
    v.push_back({0xFF, false, true, 0xFFFF});
    return v;
}

scsi::Bytes structure_list(const Disc& d) {
    scsi::Bytes b;
    scsi::ByteWriter w(b);
    for (const auto& e : structures(d))
        w.u8(e.format).u8(static_cast<std::uint8_t>((e.sds ? 0x80 : 0) | (e.rds ? 0x40 : 0))).be16(e.length);
    return b;
}

} // namespace

Completion read_disc_structure(DriveState& s, const Command& cmd) {
    const scsi::ReadDiscStructureCdb cdb(cmd.cdb);
    if (cdb.media_type() > 1) return reply_check(scsi::sense::invalid_field_in_cdb(1, 3));
    if (auto ns = s.not_ready_sense()) return reply_check(*ns);
    const Disc& d = s.medium->disc;
    const bool bd_request = cdb.media_type() == 1;
    if (d.family() == MediaFamily::Cd)
        return reply_check(scsi::sense::illegal_request(scsi::asc::cannot_read_medium_incompatible_format));
    if (bd_request != (d.family() == MediaFamily::Bd)) return reply_check(scsi::sense::invalid_field_in_cdb(1, 3));
    const bool plus =
        d.kind == MediaKind::DvdPlusR || d.kind == MediaKind::DvdPlusRw || d.kind == MediaKind::DvdPlusRDl;
    const std::uint8_t layers = d.type().layers;
    if (cdb.format() < 0xC0 && cdb.format() != 0xFF && cdb.layer() >= layers)
        return reply_check(scsi::sense::invalid_field_in_cdb(6));
    scsi::Bytes body;
    if (bd_request) {
        switch (cdb.format()) {
        case 0x00: body = bd_disc_information(d); break;
        case 0xFF: body = structure_list(d); break;
        default: return reply_check(scsi::sense::invalid_field_in_cdb(7));
        }
    } else {
        switch (cdb.format()) {
        case 0x00: body = physical_format(d); break;
        case 0x01: body = {0x00, 0x00, 0x00, 0x00}; break; // no copy protection, all regions
        case 0x11:
            if (!plus) return reply_check(scsi::sense::invalid_field_in_cdb(7));
            body = adip(d);
            break;
        case 0x20:
            if (!dual_layer_recordable(d)) return reply_check(scsi::sense::invalid_field_in_cdb(7));
            body = layer_boundary(d);
            break;
        case 0xFF: body = structure_list(d); break;
        default: return reply_check(scsi::sense::invalid_field_in_cdb(7));
        }
    }
    return reply_data(cmd, with_header(body), cdb.allocation_length());
}

Completion send_disc_structure(DriveState& s, const Command& cmd) {
    const scsi::SendDiscStructureCdb cdb(cmd.cdb);
    if (cdb.media_type() > 1) return reply_check(scsi::sense::invalid_field_in_cdb(1, 3));
    const std::size_t length = cdb.parameter_list_length();
    if (length == 0) return reply_good(); // MMC-6: not an error, nothing is sent
    if (cmd.data_out.size() < length)
        return reply_check(scsi::sense::illegal_request(scsi::asc::parameter_list_length_error));
    const Disc& d = s.medium->disc;
    if (cdb.media_type() != 0 || cdb.format() != 0x20 || !dual_layer_recordable(d))
        return reply_check(scsi::sense::invalid_field_in_cdb(7));
    // Table 603: a 4-byte header, 4 reserved bytes, the layer 0 data zone capacity.
    if (length < 12) return reply_check(scsi::sense::illegal_request(scsi::asc::parameter_list_length_error));
    if (layer_boundary_fixed(d)) return reply_check(scsi::sense::illegal_request(scsi::asc::command_sequence_error));
    const auto list = cmd.data_out.first(length);
    const std::uint32_t capacity = scsi::get_be32(list, 8);
    // Within the first layer and in whole ECC blocks of 16 sectors.
    if (capacity == 0 || capacity > d.capacity_blocks / 2 || capacity % 16 != 0)
        return reply_check(scsi::sense::invalid_field_in_parameter_list(8));
    DiscWriter(*s.medium).set_layer0_capacity(capacity);
    // A boundary that cannot be saved is not on the disc (write_target.hpp medium_failure).
    if (auto e = medium_failure(s, scsi::asc::write_error)) return reply_check(*e);
    return reply_good();
}

} // namespace spindle::handlers
