// GET PERFORMANCE (types 00h and 03h), SET CD SPEED, SET STREAMING (type 00h).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/speeds.hpp"
#include "emulator/timing/speed_selection.hpp"
#include "scsi/cdb_performance.hpp"

#include <algorithm>
#include <array>

namespace spindle::handlers {

namespace {

using scsi::Bytes;
using scsi::ByteWriter;
namespace asc = scsi::asc;

constexpr std::uint8_t type_performance = 0x00;
constexpr std::uint8_t type_write_speed = 0x03;
constexpr std::size_t performance_header_length = 8;
constexpr std::size_t performance_descriptor_length = 16;

std::uint32_t last_lba(const Disc& d) { return d.capacity_blocks == 0 ? 0 : d.capacity_blocks - 1; }

// MMC-6 GET PERFORMANCE: the performance header, then `descriptors` (16 bytes each). The
// Performance Data Length counts every descriptor the drive has, while only Max Number of
// Descriptors of them are transferred: growisofs asks for one, reads the length, and asks
// again for all (dvd+rw-tools growisofs_mmc.cpp set_speed_B6h).
Completion reply_performance(const Command& cmd, const scsi::GetPerformanceCdb& cdb, std::uint8_t header_flags,
                             const Bytes& descriptors) {
    Bytes out;
    ByteWriter w(out);
    w.be32(static_cast<std::uint32_t>(4 + descriptors.size())).u8(header_flags).zeros(3).bytes(descriptors);
    const std::size_t count = descriptors.size() / performance_descriptor_length;
    const std::size_t sent = std::min<std::size_t>(count, cdb.max_descriptors());
    return reply_data(cmd, out, performance_header_length + sent * performance_descriptor_length);
}

// Type 00h with Except = 00b: nominal performance. spindle models one zone: a single
// descriptor from LBA 0 to the last LBA of the medium at the speed in effect (a CLV drive);
// a direction the medium has no speeds for (Write on a ROM disc) has no descriptor.
Completion performance_data(DriveState& s, const Command& cmd, const scsi::GetPerformanceCdb& cdb) {
    // Tolerance is not checked: MMC-6 wants 10b, growisofs sends 00b (Data Type 04h).
    if (cdb.except() == 0x3) return reply_check(scsi::sense::invalid_field_in_cdb(cdb.data_type_byte, 1));
    if (auto sense = s.not_ready_sense()) return reply_check(*sense);

    // MMC-6 performance header: byte 4 bit 1 Write, bit 0 Except (the CDB's, echoed).
    const auto flags = static_cast<std::uint8_t>((cdb.write() ? 0x02 : 0x00) | (cdb.except() != 0 ? 0x01 : 0x00));
    Bytes descriptors;
    // Except 01b/10b ask for exception descriptors: the model has no slow zones, so none.
    if (cdb.except() == 0) {
        const auto speeds = effective_speeds(s);
        const auto kbps = cdb.write() ? speeds.write_kbps : speeds.read_kbps;
        if (kbps != 0) {
            // MMC-6 nominal performance descriptor: start LBA, start performance, end LBA, end performance.
            ByteWriter(descriptors).be32(0).be32(kbps).be32(last_lba(s.medium->disc)).be32(kbps);
        }
    }
    return reply_performance(cmd, cdb, flags, descriptors);
}

// Type 03h: one write speed descriptor per write speed of the loaded medium, fastest first.
// With no ready medium the list is empty (header only): the Microsoft CDROM_WRITE_SPEED_
// DESCRIPTOR notes End LBA is the capacity "if the medium is mounted", and an LG BU40N with
// no writable disc reports 0 write speed descriptors in page 2Ah (bdemu mode_2a.bin).
Completion write_speed_data(DriveState& s, const Command& cmd, const scsi::GetPerformanceCdb& cdb) {
    Bytes descriptors;
    if (!s.not_ready_sense()) {
        const auto reads = medium_read_speeds(s);
        const std::uint32_t read_kbps = reads.empty() ? 0 : *std::max_element(reads.begin(), reads.end());
        const bool mrw = s.medium->disc.type().random_access;
        for (const auto write_kbps : medium_write_speeds(s)) {
            // MMC-6 write speed descriptor: byte 0 WRC (bits 4-3, 00b CLV), RDD (bit 2), Exact
            // (bit 1: the speed holds for the whole medium, true of a CLV model), MRW (bit 0).
            ByteWriter(descriptors)
                .u8(static_cast<std::uint8_t>(0x02 | (mrw ? 0x01 : 0x00)))
                .zeros(3)
                .be32(last_lba(s.medium->disc))
                .be32(read_kbps)
                .be32(write_kbps);
        }
    }
    return reply_performance(cmd, cdb, 0, descriptors);
}

// What DriveState::speeds keeps for a request: the speed selected for the loaded medium, or,
// when it has no speeds in that direction (no medium, a ROM disc), the request itself, which
// effective_speeds() resolves once a medium is there. timing::fastest stays as it is.
std::uint32_t remembered_speed(std::span<const std::uint32_t> supported, std::uint32_t requested_kbps) {
    if (requested_kbps == timing::fastest) return timing::fastest;
    return timing::select_speed(supported, requested_kbps).value_or(requested_kbps);
}

} // namespace

Completion get_performance(DriveState& s, const Command& cmd) {
    const scsi::GetPerformanceCdb cdb(cmd.cdb);
    switch (cdb.type()) {
    case type_performance: return performance_data(s, cmd, cdb);
    case type_write_speed: return write_speed_data(s, cmd, cdb);
    // 01h unusable area, 02h defect status, 04h/05h DBI, 06h error history: not modelled.
    default: return reply_check(scsi::sense::invalid_field_in_cdb(cdb.type_byte));
    }
}

// Drives round rather than refuse: any value selects the nearest supported speed (see
// timing::select_speed); FFFFh is "maximum"; 0 selects the slowest. The speeds apply to every
// medium family, as drives apply SET CD SPEED to DVD too (growisofs falls back to it).
Completion set_cd_speed(DriveState& s, const Command& cmd) {
    const scsi::SetCdSpeedCdb cdb(cmd.cdb);
    // Rotational Control: 00b CLV, 01b pure CAV; 10b and 11b are reserved. The model is CLV.
    if (cdb.rotational_control() > 1) return reply_check(scsi::sense::invalid_field_in_cdb(cdb.rotation_byte, 1));
    auto request = [](std::uint16_t v) -> std::uint32_t {
        return v == scsi::SetCdSpeedCdb::maximum ? timing::fastest : std::max<std::uint32_t>(v, 1);
    };
    s.speeds.read_kbps = remembered_speed(medium_read_speeds(s), request(cdb.read_speed()));
    s.speeds.write_kbps = remembered_speed(medium_write_speeds(s), request(cdb.write_speed()));
    return reply_good();
}

// Type 00h only: the DBI cache zone descriptor (05h) belongs to DBI, which is not modelled.
// A Parameter List Length of 0 transfers nothing and is no error (SPC-4 convention).
Completion set_streaming(DriveState& s, const Command& cmd) {
    using Descriptor = scsi::StreamingPerformanceDescriptor;
    const scsi::SetStreamingCdb cdb(cmd.cdb);
    if (cdb.type() != type_performance) return reply_check(scsi::sense::invalid_field_in_cdb(cdb.type_byte));
    const std::size_t length = cdb.parameter_list_length();
    if (length == 0) return reply_good();
    if (length < Descriptor::length || cmd.data_out.size() < Descriptor::length)
        return reply_check(scsi::sense::illegal_request(asc::parameter_list_length_error));

    const Descriptor d(cmd.data_out.first(Descriptor::length));
    if (d.rdd()) { // Restore Drive Defaults: every other field is ignored
        s.speeds = CurrentSpeeds{};
        return reply_good();
    }
    // WRC: 00b default (CLV), 01b CAV; 10b and 11b are reserved.
    if (d.wrc() > 1) return reply_check(scsi::sense::invalid_field_in_parameter_list(Descriptor::wrc_byte, 4));

    // A direction with Size 0 is left as it is. Speed = Size (kB) / Time (ms) x 1000.
    struct Request {
        std::uint32_t size, time;
        std::size_t size_byte, time_byte;
        std::span<const std::uint32_t> supported;
        std::uint32_t* target;
        std::uint32_t kbps = 0;
    };
    std::array<Request, 2> requests{{
        {d.read_size_kb(), d.read_time_ms(), Descriptor::read_size_byte, Descriptor::read_time_byte,
         medium_read_speeds(s), &s.speeds.read_kbps},
        {d.write_size_kb(), d.write_time_ms(), Descriptor::write_size_byte, Descriptor::write_time_byte,
         medium_write_speeds(s), &s.speeds.write_kbps},
    }};
    for (auto& r : requests) {
        if (r.size == 0) continue;
        if (r.time == 0)
            return reply_check(scsi::sense::invalid_field_in_parameter_list(static_cast<std::uint16_t>(r.time_byte)));
        r.kbps = std::max<std::uint32_t>(timing::kbps_from_size_and_time(r.size, r.time), 1);
        // Exact: the drive must run at exactly this speed or fail with INVALID FIELD IN PARAMETER
        // LIST (MMC-6 SET STREAMING, Exact bit). Without speeds to check against, it is accepted.
        if (d.exact() && !r.supported.empty() && !timing::is_supported_exactly(r.supported, r.kbps))
            return reply_check(scsi::sense::invalid_field_in_parameter_list(static_cast<std::uint16_t>(r.size_byte)));
    }
    for (auto& r : requests)
        if (r.size != 0) *r.target = remembered_speed(r.supported, r.kbps);
    return reply_good();
}

} // namespace spindle::handlers
