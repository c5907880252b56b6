#include "bridge/capture/capture_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace spindle::recorder::capture {

namespace {

// Printable ASCII as the profile loader takes it; anything else becomes a space.
std::string ascii_field(scsi::ByteView data, std::size_t at, std::size_t length, std::string_view name, Notes& notes) {
    std::string s;
    bool replaced = false;
    for (std::size_t i = at; i < at + length && i < data.size(); ++i) {
        const auto c = data[i];
        const bool printable = c >= 0x20 && c < 0x7F;
        replaced = replaced || (!printable && c != 0);
        s += printable ? static_cast<char>(c) : ' ';
    }
    if (replaced) notes.push_back(fmt::format("{}: bytes outside printable ASCII were replaced by spaces", name));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::optional<LoadingMechanism> loading(unsigned type, Notes& notes) {
    switch (type) {
    case 0: return LoadingMechanism::Caddy;
    case 1: return LoadingMechanism::Tray;
    case 2: return LoadingMechanism::PopUp;
    case 4: return LoadingMechanism::Changer;
    case 5: return LoadingMechanism::Cartridge;
    default: notes.push_back(fmt::format("loading mechanism type {} is not one the schema names; tray kept", type));
    }
    return std::nullopt;
}

} // namespace

DriveIdentity parse_inquiry(scsi::ByteView data, Notes& notes) {
    DriveIdentity id;
    if (data.size() < 5) return id;
    id.version = data[2];
    id.atapi_version = static_cast<std::uint8_t>(data[3] >> 4);
    id.response_data_format = static_cast<std::uint8_t>(data[3] & 0x0F);
    id.additional_length = std::clamp<std::uint8_t>(data[4], 31, 251);
    if (data[4] != id.additional_length)
        notes.push_back(
            fmt::format("INQUIRY additional length {} is outside 31..251; {} kept", data[4], id.additional_length));
    id.vendor = ascii_field(data, 8, 8, "identity.vendor", notes);
    id.product = ascii_field(data, 16, 16, "identity.product", notes);
    id.revision = ascii_field(data, 32, 4, "identity.revision", notes);
    if (data.size() > 36) id.vendor_specific = ascii_field(data, 36, 20, "identity.vendor_specific", notes);
    for (std::size_t at = 58; at + 2 <= data.size() && at < 74; at += 2)
        id.version_descriptors.push_back(scsi::get_be16(data, at));
    while (!id.version_descriptors.empty() && id.version_descriptors.back() == 0) id.version_descriptors.pop_back();
    return id;
}

std::string parse_unit_serial(scsi::ByteView page, Notes& notes) {
    if (page.size() < 4) return {};
    const std::size_t length = std::min<std::size_t>(scsi::get_be16(page, 2), page.size() - 4);
    std::string serial;
    for (std::size_t i = 4; i < 4 + length; ++i) {
        const auto c = page[i];
        serial += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : ' ';
    }
    if (serial.size() > 32) {
        notes.push_back(fmt::format("serial number of {} characters cut to the 32 a profile holds", serial.size()));
        serial.resize(32);
    }
    return serial;
}

std::vector<std::uint8_t> parse_supported_vpd(scsi::ByteView page) {
    if (page.size() < 4) return {};
    const std::size_t length = std::min<std::size_t>(scsi::get_be16(page, 2), page.size() - 4);
    return {page.begin() + 4, page.begin() + 4 + static_cast<std::ptrdiff_t>(length)};
}

std::optional<Configuration> parse_configuration(scsi::ByteView data, Notes& notes) {
    if (data.size() < 8) return std::nullopt;
    Configuration c;
    c.current_profile = scsi::get_be16(data, 6);
    const std::size_t end = std::min<std::size_t>(data.size(), std::size_t{scsi::get_be32(data, 0)} + 4);
    for (std::size_t at = 8; at + 4 <= end;) {
        // MMC-6 5.2 feature descriptor: code, version (bits 5-2), persistent (1), current (0), length.
        const auto code = scsi::get_be16(data, at);
        const auto flags = data[at + 2];
        const std::size_t length = std::min<std::size_t>(data[at + 3], end - at - 4);
        const auto body = data.subspan(at + 4, length);
        at += 4 + length;
        if (code == 0x0000) {
            for (std::size_t p = 0; p + 4 <= body.size(); p += 4) c.profiles.push_back(scsi::get_be16(body, p));
            continue;
        }
        if (!c.features.empty() && code <= c.features.back().descriptor.code) {
            notes.push_back(fmt::format("feature {:04X}h out of ascending order; left out", code));
            continue;
        }
        ObservedFeature f;
        f.descriptor.code = code;
        f.descriptor.version = static_cast<std::uint8_t>((flags >> 2) & 0x0F);
        f.descriptor.persistent = (flags & 0x02) != 0;
        f.descriptor.data.assign(body.begin(), body.end());
        if (f.descriptor.data.size() % 4 != 0 || f.descriptor.data.size() > 252) {
            notes.push_back(fmt::format("feature {:04X}h: {} data bytes, not a multiple of 4 up to 252; padded", code,
                                        f.descriptor.data.size()));
            f.descriptor.data.resize(std::min<std::size_t>((f.descriptor.data.size() + 3) / 4 * 4, 252), 0);
        }
        f.current = (flags & 0x01) != 0;
        c.features.push_back(std::move(f));
    }
    return c;
}

std::map<std::uint8_t, scsi::Bytes> parse_mode_pages(scsi::ByteView data, Notes& notes) {
    std::map<std::uint8_t, scsi::Bytes> pages;
    if (data.size() < 8) return pages;
    const std::size_t end = std::min<std::size_t>(data.size(), std::size_t{scsi::get_be16(data, 0)} + 2);
    for (std::size_t at = 8 + std::size_t{scsi::get_be16(data, 6)}; at + 2 <= end;) {
        const auto code = static_cast<std::uint8_t>(data[at] & 0x3F);
        if ((data[at] & 0x40) != 0) { // SPF: a subpage, length in bytes 2-3 (SPC-4 page_0 / sub_page)
            if (at + 4 > end) break;
            notes.push_back(fmt::format("page {:02X}h subpage {:02X}h: subpages are not in the schema; left out", code,
                                        data[at + 1]));
            at += 4 + std::size_t{scsi::get_be16(data, at + 2)};
            continue;
        }
        const std::size_t length = std::min<std::size_t>(std::size_t{data[at + 1]} + 2, end - at);
        scsi::Bytes page(data.begin() + static_cast<std::ptrdiff_t>(at),
                         data.begin() + static_cast<std::ptrdiff_t>(at + length));
        page[0] = code; // PS and SPF: the drive model derives PS from what MODE SELECT may change
        page[1] = static_cast<std::uint8_t>(length - 2);
        if (code != 0) pages.emplace(code, std::move(page));
        at += length;
    }
    return pages;
}

std::optional<Mechanism> mechanism_from_feature(scsi::ByteView data, Notes& notes) {
    if (data.empty()) return std::nullopt;
    // MMC-6 Removable Medium feature byte 4: type (7-5), Load (4), Eject (3), Pvnt Jmpr (2), DBML (1), Lock (0).
    Mechanism m;
    if (auto l = loading(static_cast<unsigned>(data[0] >> 5), notes)) m.loading = *l;
    m.can_load = (data[0] & 0x10) != 0;
    m.can_eject = (data[0] & 0x08) != 0;
    m.can_lock = (data[0] & 0x01) != 0;
    return m;
}

std::optional<Mechanism> mechanism_from_page_2a(scsi::ByteView page, Notes& notes) {
    if (page.size() < 7) return std::nullopt;
    // MMC-6 table 606 byte 6: loading mechanism type (7-5), eject (3), lock (0). Page 2Ah says
    // nothing of closing the tray: a tray or caddy drive is taken to close it.
    Mechanism m;
    if (auto l = loading(static_cast<unsigned>(page[6] >> 5), notes)) m.loading = *l;
    m.can_eject = (page[6] & 0x08) != 0;
    m.can_lock = (page[6] & 0x01) != 0;
    m.can_load = m.loading == LoadingMechanism::Tray || m.loading == LoadingMechanism::Caddy;
    notes.push_back("mechanism from page 2Ah (no feature 0003h): `load` assumed for a tray or caddy");
    return m;
}

std::vector<std::uint32_t> parse_write_speeds(scsi::ByteView data) {
    std::vector<std::uint32_t> speeds;
    if (data.size() < 8) return speeds;
    // MMC-6 write speed descriptor (16 bytes): flags, reserved, End LBA, Read Speed, Write Speed.
    for (std::size_t at = 8; at + 16 <= data.size(); at += 16) {
        const auto kbps = scsi::get_be32(data, at + 12);
        if (kbps != 0) speeds.push_back(kbps);
    }
    std::sort(speeds.begin(), speeds.end(), std::greater<>{});
    speeds.erase(std::unique(speeds.begin(), speeds.end()), speeds.end());
    return speeds;
}

std::uint32_t parse_nominal_speed(scsi::ByteView data) {
    std::uint32_t best = 0;
    // MMC-6 nominal performance descriptor: Start LBA, Start Performance, End LBA, End Performance.
    for (std::size_t at = 8; at + 16 <= data.size(); at += 16)
        best = std::max({best, scsi::get_be32(data, at + 4), scsi::get_be32(data, at + 12)});
    return best;
}

} // namespace spindle::recorder::capture
