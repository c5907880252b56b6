// IDiscRecorder2Ex: GET CONFIGURATION — feature pages and profiles.
#include "recorder/disc_recorder_ex.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_configuration.hpp"

#include <fmt/format.h>

namespace spindle::recorder {
namespace {
using scsi::get_be16;
using scsi::get_be32;

constexpr std::size_t feature_header = 8;      // MMC-6 table 84
constexpr std::size_t max_allocation = 0xFFFF; // 2-byte allocation length
namespace rt = scsi::cdb::rt;

struct Descriptor {
    std::uint16_t code;
    bool current;
    std::span<const std::uint8_t> bytes; // with its 4-byte header
};

// The descriptors after the feature header; nullopt when one overruns the answer.
std::optional<std::vector<Descriptor>> split(std::span<const std::uint8_t> answer) {
    std::vector<Descriptor> out;
    std::size_t at = feature_header;
    while (at < answer.size()) {
        if (answer.size() - at < 4) return std::nullopt;
        const std::size_t len = 4 + std::size_t{answer[at + 3]};
        if (answer.size() - at < len) return std::nullopt;
        out.push_back({get_be16(answer, at), (answer[at + 2] & 0x01) != 0, answer.subspan(at, len)});
        at += len;
    }
    return out;
}
} // namespace

Result<Bytes> DiscRecorderEx::get_configuration(std::uint8_t rt, FeaturePageType start) {
    // GET CONFIGURATION (MMC-6 table 83): RT in byte 1, starting feature in bytes 2-3; the
    // header's data length (4 bytes) counts the bytes after itself.
    return read_variable(
        [&](std::uint32_t n) { return scsi::cdb::get_configuration(rt, start, static_cast<std::uint16_t>(n)); },
        feature_header, max_allocation,
        [](std::span<const std::uint8_t> h) { return std::size_t{get_be32(h, 0)} + 4; });
}

Result<Bytes> DiscRecorderEx::get_feature_page(FeaturePageType feature, bool current_only) {
    auto answer = get_configuration(rt::one, feature);
    if (!answer) return std::unexpected(answer.error());
    auto descriptors = split(*answer);
    if (!descriptors) return fail(hr::invalid_response_from_device, "feature descriptor overruns the answer");
    for (const auto& d : *descriptors) {
        if (d.code != feature) continue; // RT=10b may not return the one asked for first
        if (current_only && !d.current)
            return fail(hr::feature_is_not_current, fmt::format("feature {:04X}h", feature));
        return Bytes(d.bytes.begin(), d.bytes.end());
    }
    return fail(hr::no_such_feature, fmt::format("feature {:04X}h", feature));
}

Result<std::vector<FeaturePageType>> DiscRecorderEx::get_supported_feature_pages(bool current_only) {
    auto answer = get_configuration(current_only ? rt::current : rt::all, 0);
    if (!answer) return std::unexpected(answer.error());
    auto descriptors = split(*answer);
    if (!descriptors) return fail(hr::invalid_response_from_device, "feature descriptor overruns the answer");
    std::vector<FeaturePageType> out;
    for (const auto& d : *descriptors)
        if (!current_only || d.current) out.push_back(d.code);
    return out;
}

Result<std::vector<ProfileType>> DiscRecorderEx::get_supported_profiles(bool current_only) {
    // Feature 0000h, the profile list (MMC-6 table 89): 4-byte profile descriptors, CurrentP
    // in byte 2 bit 0.
    auto list = get_feature_page(0x0000, false);
    if (!list) return std::unexpected(list.error());
    const std::span<const std::uint8_t> d(*list);
    if ((d.size() - 4) % 4 != 0) return fail(hr::invalid_response_from_device, "profile list is not whole descriptors");
    std::vector<ProfileType> out;
    for (std::size_t at = 4; at + 4 <= d.size(); at += 4)
        if (!current_only || (d[at + 2] & 0x01) != 0) out.push_back(get_be16(d, at));
    return out;
}

} // namespace spindle::recorder
