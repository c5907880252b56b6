#include "recorder/medium_commands.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <fmt/format.h>

namespace spindle::recorder {
namespace {
using scsi::get_be32;
using scsi::put_be16;
using scsi::put_be32;

// libburn spc.h: a long command sent without Immed may take this long.
constexpr std::chrono::milliseconds long_timeout{3'600'000};
constexpr std::chrono::milliseconds immed_timeout{200'000};

DiscRecorderEx::Transfer none(bool immed) {
    return {DataDirection::None, {}, {}, immed ? immed_timeout : long_timeout};
}

Result<void> no_data(DiscRecorderEx& ex, std::span<const std::uint8_t> cdb, bool immed) {
    auto r = ex.run(cdb, none(immed));
    if (!r) return std::unexpected(r.error());
    return {};
}
} // namespace

Result<FormatCapacities> read_format_capacities(DiscRecorderEx& ex) {
    auto list = ex.read_variable(
        [](std::uint32_t n) { return scsi::cdb::read_format_capacities(static_cast<std::uint16_t>(n)); }, 4, 0xFFFC,
        [](std::span<const std::uint8_t> h) { return std::size_t{h[3]} + 4; });
    if (!list) return std::unexpected(list.error());
    const auto& l = *list;
    if (l.size() < 12) return fail(hr::invalid_response_from_device, "READ FORMAT CAPACITIES without a descriptor");
    FormatCapacities out;
    out.current_blocks = get_be32(l, 4);
    out.descriptor_type = l[8] & 0x03;
    for (std::size_t at = 12; at + 8 <= l.size(); at += 8)
        out.formattable.push_back(FormatDescriptor{get_be32(l, at), static_cast<std::uint8_t>(l[at + 4] >> 2),
                                                   get_be32(l, at + 4) & 0x00FF'FFFFu});
    return out;
}

Result<void> format_unit(DiscRecorderEx& ex, const FormatDescriptor& d, std::uint8_t subtype, bool immed, bool fov) {
    // Parameter list: header (MMC-6 table 180) and one format descriptor (table 182).
    std::array<std::uint8_t, 12> list{};
    list[1] = static_cast<std::uint8_t>((fov ? 0x80 : 0) | (immed ? 0x02 : 0));
    put_be16(list, 2, 8);
    put_be32(list, 4, d.blocks);
    put_be32(list, 8, d.parameter & 0x00FF'FFFFu);
    list[8] = static_cast<std::uint8_t>(d.type << 2 | (subtype & 0x03));
    const auto cdb = scsi::cdb::format_unit(); // FmtData, format code 001b
    auto r =
        ex.run(cdb, DiscRecorderEx::Transfer{DataDirection::ToDevice, {}, list, immed ? immed_timeout : long_timeout});
    if (!r) return std::unexpected(r.error());
    return {};
}

Result<void> blank(DiscRecorderEx& ex, std::uint8_t type, bool immed) {
    return no_data(ex, scsi::cdb::blank(type, immed), immed);
}

Result<void> close_track_session(DiscRecorderEx& ex, std::uint8_t function, std::uint16_t track, bool immed) {
    return no_data(ex, scsi::cdb::close_track_session(function, track, immed), immed);
}

Result<void> synchronize_cache(DiscRecorderEx& ex, bool immed) {
    return no_data(ex, scsi::cdb::synchronize_cache(immed), immed);
}

Result<void> reserve_track(DiscRecorderEx& ex, std::uint32_t blocks) {
    return no_data(ex, scsi::cdb::reserve_track(blocks), false);
}

Result<void> send_opc(DiscRecorderEx& ex) { return no_data(ex, scsi::cdb::send_opc_information(), false); }

Result<BufferCapacity> read_buffer_capacity(DiscRecorderEx& ex) {
    const auto cdb = scsi::cdb::read_buffer_capacity(12);
    std::array<std::uint8_t, 12> a{};
    auto n = ex.run(cdb, DiscRecorderEx::Transfer{DataDirection::FromDevice, a, {}});
    if (!n) return std::unexpected(n.error());
    if (*n < 12) return fail(hr::invalid_response_from_device, "READ BUFFER CAPACITY shorter than 12 bytes");
    return BufferCapacity{get_be32(a, 4), get_be32(a, 8)};
}

} // namespace spindle::recorder
