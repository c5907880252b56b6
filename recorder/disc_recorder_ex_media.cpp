// IDiscRecorder2Ex: READ DISC INFORMATION, READ TRACK INFORMATION, READ/SEND DISC STRUCTURE.
#include "recorder/disc_recorder_ex.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {
using scsi::get_be16;
using scsi::put_be16;

constexpr std::size_t max_allocation_10 = 0xFFFF; // a 2-byte allocation length
// MMC-6 6.22.3: standard disc information is 34 bytes (length field 0020h); 6.27.3: track
// information 48 bytes (length field 002Eh). Older drives send 28 and 36: still usable.
constexpr std::size_t min_disc_information = 34;
constexpr std::size_t min_track_information = 28;
} // namespace

Result<Bytes> DiscRecorderEx::get_disc_information() {
    // READ DISC INFORMATION (MMC-6 table 505), data type 000b: standard disc information.
    auto r = read_variable(
        [](std::uint32_t n) { return scsi::cdb::read_disc_information(static_cast<std::uint16_t>(n)); }, 2,
        max_allocation_10, [](std::span<const std::uint8_t> h) { return std::size_t{get_be16(h, 0)} + 2; });
    if (r && r->size() < min_disc_information)
        return fail(hr::invalid_response_from_device, fmt::format("disc information of {} bytes", r->size()));
    return r;
}

Result<Bytes> DiscRecorderEx::get_track_information(std::uint32_t address, ReadTrackAddressType type) {
    const auto t = static_cast<std::uint8_t>(type);
    if (t > 2) return fail(hr::e_invalidarg, "address type must be LBA, track or session");
    // Track and session numbers are one byte in MMC (FFh: the invisible/incomplete track).
    if (type != ReadTrackAddressType::Lba && address > 0xFF)
        return fail(hr::e_invalidarg, fmt::format("track/session number {} out of range", address));
    // READ TRACK INFORMATION (MMC-6 table 549): byte 1 bits 1-0 address/number type.
    auto r = read_variable(
        [&](std::uint32_t n) { return scsi::cdb::read_track_information(t, address, static_cast<std::uint16_t>(n)); },
        2, max_allocation_10, [](std::span<const std::uint8_t> h) { return std::size_t{get_be16(h, 0)} + 2; });
    if (r && r->size() < min_track_information)
        return fail(hr::invalid_response_from_device, fmt::format("track information of {} bytes", r->size()));
    return r;
}

Result<Bytes> DiscRecorderEx::read_dvd_structure(std::uint32_t format, std::uint32_t address, std::uint32_t layer,
                                                 std::uint32_t agid) {
    if (format > 0xFF) return fail(hr::e_invalidarg, "format code is one byte");
    if (layer > 0xFF) return fail(hr::e_invalidarg, "layer number is one byte");
    if (agid > 3) return fail(hr::e_invalidarg, "AGID is two bits");
    // READ DISC STRUCTURE (MMC-6 table 439), media type 0000b (DVD): 4-byte header whose
    // first field counts the bytes after itself.
    auto r = read_variable(
        [&](std::uint32_t n) {
            return scsi::cdb::read_disc_structure(static_cast<std::uint8_t>(format), static_cast<std::uint16_t>(n), 0,
                                                  address, static_cast<std::uint8_t>(layer),
                                                  static_cast<std::uint8_t>(agid));
        },
        4, max_allocation_10, [](std::span<const std::uint8_t> h) { return std::size_t{get_be16(h, 0)} + 2; });
    if (!r) return r;
    return Bytes(r->begin() + 4, r->end());
}

Result<void> DiscRecorderEx::send_dvd_structure(std::uint32_t format, std::span<const std::uint8_t> data) {
    if (data.data() == nullptr && !data.empty()) return fail(hr::e_pointer, "no data");
    if (data.empty()) return fail(hr::e_invalidarg, "no structure data to send");
    if (format > 0xFF) return fail(hr::e_invalidarg, "format code is one byte");
    if (data.size() + 4 > max_allocation_10) return fail(hr::e_invalidarg, "structure too long");
    // SEND DISC STRUCTURE (MMC-6 table 600): the parameter list is a 4-byte header (length of
    // what follows it) and the structure.
    Bytes list(4 + data.size());
    put_be16(list, 0, static_cast<std::uint16_t>(data.size() + 2));
    std::ranges::copy(data, list.begin() + 4);
    const auto c =
        scsi::cdb::send_disc_structure(static_cast<std::uint8_t>(format), static_cast<std::uint16_t>(list.size()));
    auto r = run(c, Transfer{DataDirection::ToDevice, {}, list});
    if (!r) return std::unexpected(r.error());
    return {};
}

} // namespace spindle::recorder
