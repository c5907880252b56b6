#include "bridge/capture/capture_commands.hpp"

#include "scsi/bytes.hpp"

#include <array>

namespace spindle::recorder::capture {

namespace {

constexpr std::size_t max_configuration = 65530; // allocation length is 16 bits, even multiple of 4 left over
constexpr std::size_t max_mode_data = 65534;
constexpr std::size_t performance_header = 8;
constexpr std::size_t performance_descriptor = 16;
constexpr std::size_t max_performance_descriptors = 1024;

Result<Bytes> read_fixed(DiscRecorderEx& ex, std::span<const std::uint8_t> cdb, std::size_t length) {
    Bytes out(length);
    auto got = ex.run(cdb, DiscRecorderEx::Transfer{DataDirection::FromDevice, out, {}});
    if (!got) return std::unexpected(got.error());
    out.resize(*got);
    return out;
}

Result<void> no_data(DiscRecorderEx& ex, std::span<const std::uint8_t> cdb, std::span<const std::uint8_t> out = {}) {
    const auto direction = out.empty() ? DataDirection::None : DataDirection::ToDevice;
    auto got = ex.run(cdb, DiscRecorderEx::Transfer{direction, {}, out});
    if (!got) return std::unexpected(got.error());
    return {};
}

std::uint8_t hi(std::size_t v) { return static_cast<std::uint8_t>((v >> 8) & 0xFF); }
std::uint8_t lo(std::size_t v) { return static_cast<std::uint8_t>(v & 0xFF); }

} // namespace

Result<Bytes> inquiry(DiscRecorderEx& ex) {
    const std::array<std::uint8_t, 6> cdb{0x12, 0, 0, 0, 0xFF, 0};
    return read_fixed(ex, cdb, 0xFF);
}

Result<Bytes> inquiry_vpd(DiscRecorderEx& ex, std::uint8_t page) {
    const std::array<std::uint8_t, 6> cdb{0x12, 0x01, page, 0, 0xFF, 0};
    return read_fixed(ex, cdb, 0xFF);
}

Result<Bytes> get_configuration_all(DiscRecorderEx& ex) {
    // MMC-6 GET CONFIGURATION CDB: RT in byte 1, starting feature 2-3, allocation length 7-8.
    auto make = [](std::uint32_t n) { return std::array<std::uint8_t, 10>{0x46, 0, 0, 0, 0, 0, 0, hi(n), lo(n), 0}; };
    auto total = [](std::span<const std::uint8_t> h) { return std::size_t{scsi::get_be32(h, 0)} + 4; };
    return ex.read_variable(make, 8, max_configuration, total);
}

Result<Bytes> mode_sense10(DiscRecorderEx& ex, std::uint8_t page, std::uint8_t page_control) {
    // SPC-4 MODE SENSE(10) CDB: DBD byte 1 bit 3, PC byte 2 bits 7-6, page code 5-0, allocation 7-8.
    const auto pc_page = static_cast<std::uint8_t>((page_control << 6) | (page & 0x3F));
    auto make = [pc_page](std::uint32_t n) {
        return std::array<std::uint8_t, 10>{0x5A, 0x08, pc_page, 0, 0, 0, 0, hi(n), lo(n), 0};
    };
    auto total = [](std::span<const std::uint8_t> h) { return std::size_t{scsi::get_be16(h, 0)} + 2; };
    return ex.read_variable(make, 8, max_mode_data, total);
}

Result<Bytes> get_performance(DiscRecorderEx& ex, std::uint8_t type, std::uint8_t data_type) {
    // MMC-6 GET PERFORMANCE CDB: Data Type byte 1, Max Number of Descriptors 8-9, Type 10.
    auto make = [type, data_type](std::uint32_t n) {
        const std::size_t count = (n - performance_header) / performance_descriptor;
        return std::array<std::uint8_t, 12>{0xAC, data_type, 0, 0, 0, 0, 0, 0, hi(count), lo(count), type, 0};
    };
    auto total = [](std::span<const std::uint8_t> h) { return std::size_t{scsi::get_be32(h, 0)} + 4; };
    return ex.read_variable(make, performance_header,
                            performance_header + max_performance_descriptors * performance_descriptor, total);
}

Result<Bytes> read_buffer_capacity(DiscRecorderEx& ex) {
    const std::array<std::uint8_t, 10> cdb{0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0};
    return read_fixed(ex, cdb, 12);
}

Result<void> set_cd_speed(DiscRecorderEx& ex, std::uint16_t read_kbps, std::uint16_t write_kbps) {
    const std::array<std::uint8_t, 12> cdb{
        0xBB, 0, hi(read_kbps), lo(read_kbps), hi(write_kbps), lo(write_kbps), 0, 0, 0, 0, 0, 0};
    return no_data(ex, cdb);
}

Result<void> set_streaming(DiscRecorderEx& ex, std::uint32_t read_kbps, std::uint32_t write_kbps,
                           bool restore_defaults) {
    // MMC-6 Performance Descriptor: byte 0 RDD (bit 2); start LBA 0, end LBA FFFFFFFFh (the
    // whole medium); read size/time and write size/time: N kB per 1000 ms is N kB/s.
    Bytes d;
    scsi::ByteWriter w(d);
    w.u8(restore_defaults ? 0x04 : 0x00).zeros(3).be32(0).be32(0xFFFFFFFF);
    w.be32(read_kbps).be32(read_kbps != 0 ? 1000 : 0).be32(write_kbps).be32(write_kbps != 0 ? 1000 : 0);
    const std::array<std::uint8_t, 12> cdb{0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, lo(d.size()), 0};
    return no_data(ex, cdb, d);
}

} // namespace spindle::recorder::capture
