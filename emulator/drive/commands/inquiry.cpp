// INQUIRY (SPC-4 6.4): standard data (table 142) and the VPD pages 00h, 80h, 83h (7.8).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "scsi/cdb.hpp"

namespace spindle::handlers {

namespace {

constexpr std::uint8_t peripheral_optical = 0x05; // PQ 000b, device type 05h (MMC)

scsi::Bytes standard_inquiry(const DriveIdentity& id) {
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.u8(peripheral_optical).u8(0x80 /* RMB */).u8(id.version);
    w.u8(static_cast<std::uint8_t>((id.atapi_version << 4) | (id.response_data_format & 0x0F)));
    w.u8(id.additional_length).u8(0).u8(0).u8(0);
    w.ascii(id.vendor, 8).ascii(id.product, 16).ascii(id.revision, 4);
    const std::size_t total = 5u + id.additional_length;
    if (total > 36) w.ascii(id.vendor_specific, 20); // bytes 36-55
    if (total > 56) w.zeros(2);                      // bytes 56-57: clocking, reserved
    for (std::size_t i = 0; i < 8 && out.size() + 2 <= total && out.size() < 74; ++i)
        w.be16(i < id.version_descriptors.size() ? id.version_descriptors[i] : 0); // bytes 58-73
    if (out.size() < total) w.zeros(total - out.size());
    out.resize(total);
    return out;
}

scsi::Bytes vpd_page(std::uint8_t code, std::span<const std::uint8_t> payload) {
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.u8(peripheral_optical).u8(code).be16(static_cast<std::uint16_t>(payload.size())).bytes(payload);
    return out;
}

constexpr std::array<std::uint8_t, 3> supported_vpd{0x00, 0x80, 0x83};

scsi::Bytes device_identification(const DriveIdentity& id) {
    // One T10 vendor ID designator (SPC-4 7.8.6.4): vendor, product and serial number.
    scsi::Bytes designator;
    scsi::ByteWriter d(designator);
    d.ascii(id.vendor, 8).ascii(id.product, 16);
    for (char c : id.serial) d.u8(static_cast<std::uint8_t>(c));
    scsi::Bytes payload;
    scsi::ByteWriter w(payload);
    w.u8(0x02 /* code set ASCII */).u8(0x01 /* association LU, type T10 vendor ID */).u8(0);
    w.u8(static_cast<std::uint8_t>(designator.size())).bytes(designator);
    return payload;
}

} // namespace

Completion inquiry(DriveState& s, const Command& cmd) {
    const scsi::InquiryCdb cdb(cmd.cdb);
    const auto& id = s.profile.identity;
    if (!cdb.evpd()) {
        if (cdb.page_code() != 0) return reply_check(scsi::sense::invalid_field_in_cdb(2));
        return reply_data(cmd, standard_inquiry(id), cdb.allocation_length());
    }
    scsi::Bytes page;
    switch (cdb.page_code()) {
    case 0x00: page = vpd_page(0x00, supported_vpd); break;
    case 0x80: {
        scsi::Bytes serial(id.serial.begin(), id.serial.end());
        page = vpd_page(0x80, serial);
        break;
    }
    case 0x83: page = vpd_page(0x83, device_identification(id)); break;
    default: return reply_check(scsi::sense::invalid_field_in_cdb(2));
    }
    return reply_data(cmd, page, cdb.allocation_length());
}

} // namespace spindle::handlers
