// Reading the disc's structures and sectors, and the raw packet: DVD_READ_STRUCT,
// CDROMREADMODE1, CDROMREADRAW and CDROM_SEND_PACKET.
#include "emulator/targets/sr/sr_device.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_read.hpp"

#include <algorithm>
#include <cerrno>

namespace spindle::sr {

namespace {

// include/linux/cdrom.h msf_to_lba: CD_MSF_OFFSET (150 blocks) before LBA 0.
int msf_to_lba(std::uint8_t m, std::uint8_t s, std::uint8_t f) {
    return ((int{m} * CD_SECS) + int{s}) * CD_FRAMES + int{f} - CD_MSF_OFFSET;
}

constexpr std::size_t request_sense_size = sizeof(request_sense); // the caller's sense buffer

} // namespace

std::expected<dvd_struct, int> SrDevice::dvd_read_struct(const dvd_struct& in) {
    if (!can(CDC_DVD)) return std::unexpected(ENOSYS);
    dvd_struct s = in;
    Exec e;
    // READ DISC STRUCTURE, media type 0 (MMC-6 table 459); each format as cdrom.c asks for it.
    const auto structure = [&](std::size_t allocation, std::uint8_t layer = 0, std::uint8_t agid = 0) {
        return packet(
            scsi::cdb::read_disc_structure(s.type, static_cast<std::uint16_t>(allocation), 0, 0, layer, agid));
    };
    switch (s.type) {
    case DVD_STRUCT_PHYSICAL: {
        // dvd_read_physical: 21 bytes, the layer descriptor of MMC-6 table 463 from byte 4.
        const std::uint8_t layer_num = s.physical.layer_num;
        if (layer_num >= DVD_LAYERS) return std::unexpected(EINVAL);
        if (const int err = do_ioctl(structure(21, layer_num), 21, e); err != 0) return std::unexpected(err);
        const auto base = std::span(e.data).subspan(4);
        dvd_layer& layer = s.physical.layer[layer_num];
        layer = {};
        layer.book_version = base[0] & 0x0F;
        layer.book_type = (base[0] >> 4) & 0x0F;
        layer.min_rate = base[1] & 0x0F;
        layer.disc_size = (base[1] >> 4) & 0x0F;
        layer.layer_type = base[2] & 0x0F;
        layer.track_path = (base[2] >> 4) & 0x01;
        layer.nlayers = (base[2] >> 5) & 0x03;
        layer.track_density = base[3] & 0x0F;
        layer.linear_density = (base[3] >> 4) & 0x0F;
        layer.start_sector = scsi::get_be24(base, 5);
        layer.end_sector = scsi::get_be24(base, 9);
        layer.end_sector_l0 = scsi::get_be24(base, 13);
        layer.bca = (base[16] >> 7) & 0x01;
        return s;
    }
    case DVD_STRUCT_COPYRIGHT: // dvd_read_copyright: 8 bytes, MMC-6 table 465
        if (const int err = do_ioctl(structure(8, s.copyright.layer_num), 8, e); err != 0) return std::unexpected(err);
        s.copyright.cpst = e.data[4];
        s.copyright.rmi = e.data[5];
        return s;
    case DVD_STRUCT_DISCKEY: { // dvd_read_disckey: the key, with the AGID in byte 10
        constexpr std::size_t size = sizeof(s.disckey.value) + 4;
        if (const int err = do_ioctl(structure(size, 0, static_cast<std::uint8_t>(s.disckey.agid)), size, e); err != 0)
            return std::unexpected(err);
        std::copy_n(e.data.begin() + 4, sizeof(s.disckey.value), s.disckey.value);
        return s;
    }
    case DVD_STRUCT_BCA: { // dvd_read_bca: 4 + 188 bytes; a length outside 12..188 is EIO
        constexpr std::size_t size = 4 + sizeof(s.bca.value);
        if (const int err = do_ioctl(structure(size), size, e); err != 0) return std::unexpected(err);
        s.bca.len = scsi::get_be16(e.data, 0);
        if (s.bca.len < 12 || s.bca.len > 188) return std::unexpected(EIO);
        std::copy_n(e.data.begin() + 4, s.bca.len, s.bca.value);
        return s;
    }
    case DVD_STRUCT_MANUFACT: { // dvd_read_manufact: up to 2048 bytes, longer ones truncated
        constexpr std::size_t size = sizeof(s.manufact.value) + 4;
        if (const int err = do_ioctl(structure(size), size, e); err != 0) return std::unexpected(err);
        s.manufact.len = std::min(int{scsi::get_be16(e.data, 0)}, 2048);
        std::copy_n(e.data.begin() + 4, s.manufact.len, s.manufact.value);
        return s;
    }
    default: return std::unexpected(EINVAL);
    }
}

std::expected<std::vector<std::uint8_t>, int> SrDevice::read_data(cdrom_msf msf, int blocksize, int format) {
    // mmc_ioctl_cdrom_read_data: one block by READ CD (cdrom_read_block; MMC-6 table 389);
    // a drive without READ CD gets READ(10), the block length switched by MODE SELECT(6).
    const int lba = msf_to_lba(msf.cdmsf_min0, msf.cdmsf_sec0, msf.cdmsf_frame0);
    if (lba < 0) return std::unexpected(EINVAL);
    const auto length = static_cast<std::size_t>(blocksize);
    namespace rc = scsi::cdb::read_cd_main;
    constexpr std::uint8_t sub_header = 0x40; // header codes 10b: the sub-header alone
    std::uint8_t fields = rc::user_data;
    switch (blocksize) {
    case CD_FRAMESIZE_RAW0: fields = sub_header | rc::user_data | rc::edc_ecc; break;
    case CD_FRAMESIZE_RAW1: fields = rc::all_headers | rc::user_data | rc::edc_ecc; break;
    case CD_FRAMESIZE_RAW: fields = rc::whole_sector; break;
    default: break;
    }
    const Cdb cdb = packet(scsi::cdb::read_cd(lba, 1, fields, static_cast<std::uint8_t>(format)));
    Exec e;
    int err = do_ioctl(cdb, length, e);
    if (err != 0 && e.sense_is(scsi::SenseKey::IllegalRequest, 0x20, 0x00)) {
        // cdrom_switch_blocksize: MODE SELECT(6), PF, a block descriptor only (SPC-4 table 453).
        const auto switch_blocksize = [&](int size) {
            const std::array<std::uint8_t, 12> mh{
                0, 0, 0, 8, 0, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(size >> 8), static_cast<std::uint8_t>(size)};
            Exec m;
            return do_ioctl(packet(scsi::cdb::mode_select6(static_cast<std::uint8_t>(mh.size()))), 0, m, mh);
        };
        if (blocksize != CD_FRAMESIZE) {
            if (const int sw = switch_blocksize(blocksize); sw != 0) return std::unexpected(sw);
        }
        err = do_ioctl(packet(scsi::cdb::read10(static_cast<std::uint32_t>(lba), 1)), length, e);
        // The kernel ORs the two negative errnos together; so does this.
        if (blocksize != CD_FRAMESIZE) err = -(-err | -switch_blocksize(CD_FRAMESIZE));
    }
    if (err != 0) return std::unexpected(err);
    return std::move(e.data);
}

std::expected<std::vector<std::uint8_t>, int> SrDevice::read_mode1(cdrom_msf msf) {
    return read_data(msf, CD_FRAMESIZE, 2); // expected sector type 2: Mode 1
}

std::expected<std::vector<std::uint8_t>, int> SrDevice::read_raw(cdrom_msf msf) {
    return read_data(msf, CD_FRAMESIZE_RAW, 0); // any sector type
}

SrDevice::PacketResult SrDevice::send_packet(std::span<const std::uint8_t, CDROM_PACKET_SIZE> cdb, int data_direction,
                                             std::span<const std::uint8_t> data_out, std::size_t buflen) {
    PacketResult r;
    // scsi_cdrom_send_packet maps CGC_DATA_* onto sg_io's directions; sg_io refuses a buffer
    // with no direction to move it (SG_DXFER_NONE, SG_DXFER_UNKNOWN).
    bool writing = false, reading = false;
    switch (data_direction) {
    case CGC_DATA_WRITE: writing = true; break;
    case CGC_DATA_READ: reading = true; break;
    case CGC_DATA_NONE:
    case CGC_DATA_UNKNOWN: break;
    default: r.error = EINVAL; return r;
    }
    if (buflen != 0 && !writing && !reading) {
        r.error = EINVAL;
        return r;
    }
    if (!options_.cap_sys_rawio && !command_allowed(cdb[0], options_.opened_for_write)) {
        r.error = EPERM;
        return r;
    }
    std::vector<std::uint8_t> out;
    if (writing) {
        out.assign(buflen, 0);
        std::copy_n(data_out.begin(), std::min(data_out.size(), buflen), out.begin());
    }
    Exec e = execute(cdb, reading ? buflen : 0, out);
    if (e.error != 0) {
        r.error = e.error;
        return r;
    }
    // scsi_complete_sghdr_rq: the sense goes to the caller's struct request_sense, then any
    // status but GOOD makes the ioctl EIO without writing the command struct back.
    if (e.check()) {
        const auto sense = e.sense.bytes();
        r.sense.assign(sense.begin(),
                       sense.begin() + static_cast<std::ptrdiff_t>(std::min(sense.size(), request_sense_size)));
    }
    if (e.status != 0) {
        r.error = EIO;
        return r;
    }
    r.stat = 0;
    r.residual = reading ? buflen - e.received : 0;
    e.data.resize(e.received);
    r.data_in = std::move(e.data);
    return r;
}

bool SrDevice::command_allowed(std::uint8_t opcode, bool opened_for_write) {
    // drivers/scsi/scsi_ioctl.c scsi_cmd_allowed, by opcode (its WRITE_SAME_32 case is 0Dh).
    // Read-safe: anybody who can open the device.
    constexpr std::array<std::uint8_t, 44> reading{0x00, 0x03, 0x08, 0x28, 0xA8, 0x88, 0x3C, 0x37, 0x25, 0x3E, 0x12,
                                                   0x1A, 0x5A, 0x4D, 0x1B, 0x2F, 0x8F, 0xA0, 0x9E, 0x1C, 0xA3, 0x5C,
                                                   0xBC, 0x45, 0x47, 0x48, 0x4B, 0xBE, 0xB9, 0x51, 0xAD, 0x44, 0x52,
                                                   0x42, 0x43, 0xA4, 0xBA, 0x46, 0x23, 0x4A, 0xAC, 0x2B, 0x4E, 0x95};
    // Writing: only on a descriptor opened for writing.
    constexpr std::array<std::uint8_t, 31> writing{0x0A, 0x2A, 0x2E, 0xAA, 0xAE, 0x8A, 0x3F, 0xEA, 0x41, 0x93, 0x0D,
                                                   0x19, 0x55, 0x15, 0x4C, 0xA1, 0x5B, 0x35, 0x04, 0x58, 0x53, 0xBF,
                                                   0xA2, 0x54, 0x5D, 0xBB, 0x1E, 0xA6, 0xB6, 0xA7, 0x94};
    if (std::ranges::find(reading, opcode) != reading.end()) return true;
    return opened_for_write && std::ranges::find(writing, opcode) != writing.end();
}

} // namespace spindle::sr
