#include "bridge/capture/capture_commands.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_performance.hpp"

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

} // namespace

Result<Bytes> inquiry(DiscRecorderEx& ex) { return read_fixed(ex, scsi::cdb::inquiry(0xFF), 0xFF); }

Result<Bytes> inquiry_vpd(DiscRecorderEx& ex, std::uint8_t page) {
    return read_fixed(ex, scsi::cdb::inquiry_vpd(page, 0xFF), 0xFF);
}

Result<Bytes> get_configuration_all(DiscRecorderEx& ex) {
    auto make = [](std::uint32_t n) {
        return scsi::cdb::get_configuration(scsi::cdb::rt::all, 0, static_cast<std::uint16_t>(n));
    };
    auto total = [](std::span<const std::uint8_t> h) { return std::size_t{scsi::get_be32(h, 0)} + 4; };
    return ex.read_variable(make, 8, max_configuration, total);
}

Result<Bytes> mode_sense10(DiscRecorderEx& ex, std::uint8_t page, std::uint8_t page_control) {
    const auto pc = static_cast<scsi::cdb::PageControl>(page_control & 3u);
    auto make = [page, pc](std::uint32_t n) {
        return scsi::cdb::mode_sense10(page, pc, static_cast<std::uint16_t>(n));
    };
    auto total = [](std::span<const std::uint8_t> h) { return std::size_t{scsi::get_be16(h, 0)} + 2; };
    return ex.read_variable(make, 8, max_mode_data, total);
}

Result<Bytes> get_performance(DiscRecorderEx& ex, std::uint8_t type, std::uint8_t data_type) {
    auto make = [type, data_type](std::uint32_t n) {
        const auto count = static_cast<std::uint16_t>((n - performance_header) / performance_descriptor);
        return scsi::cdb::get_performance(type, count, data_type);
    };
    auto total = [](std::span<const std::uint8_t> h) { return std::size_t{scsi::get_be32(h, 0)} + 4; };
    return ex.read_variable(make, performance_header,
                            performance_header + max_performance_descriptors * performance_descriptor, total);
}

Result<Bytes> read_buffer_capacity(DiscRecorderEx& ex) {
    return read_fixed(ex, scsi::cdb::read_buffer_capacity(12), 12);
}

Result<void> set_cd_speed(DiscRecorderEx& ex, std::uint16_t read_kbps, std::uint16_t write_kbps) {
    return no_data(ex, scsi::cdb::set_cd_speed(read_kbps, write_kbps));
}

Result<void> set_streaming(DiscRecorderEx& ex, std::uint32_t read_kbps, std::uint32_t write_kbps,
                           bool restore_defaults) {
    // The whole medium (end LBA FFFFFFFFh); N kB per 1000 ms is N kB/s.
    const auto d = scsi::cdb::streaming_performance_descriptor({.rdd = restore_defaults,
                                                                .end_lba = 0xFFFF'FFFF,
                                                                .read_size_kb = read_kbps,
                                                                .read_time_ms = read_kbps != 0 ? 1000u : 0u,
                                                                .write_size_kb = write_kbps,
                                                                .write_time_ms = write_kbps != 0 ? 1000u : 0u});
    return no_data(ex, scsi::cdb::set_streaming(static_cast<std::uint16_t>(d.size())), d);
}

} // namespace spindle::recorder::capture
