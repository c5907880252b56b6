#include "emulator/drive/write_parameters.hpp"

#include <algorithm>

namespace spindle {

namespace {

constexpr std::uint8_t page_code = 0x05;
constexpr std::uint8_t capabilities_page = 0x2A;

bool dvd_minus(MediaKind k) { return incremental_kind(k); }

// MMC-6 table 649 (Write Parameters mode page), bytes as in the page (byte 0: page code).
WriteParameters decode(scsi::ByteView p) {
    WriteParameters w;
    if (p.size() < 14) return w;
    w.bufe = scsi::get_bit(p, 2, 6);
    w.ls_v = scsi::get_bit(p, 2, 5);
    w.test_write = scsi::get_bit(p, 2, 4);
    w.write_type = scsi::get_bits(p, 2, 0, 4);
    w.multi_session = scsi::get_bits(p, 3, 6, 2);
    w.fixed_packet = scsi::get_bit(p, 3, 5);
    w.track_mode = scsi::get_bits(p, 3, 0, 4);
    w.data_block_type = scsi::get_bits(p, 4, 0, 4);
    w.link_size = p[5];
    w.packet_size = scsi::get_be32(p, 10);
    w.session_format = p[8];
    if (p.size() >= 52) std::copy_n(p.begin() + 48, 4, w.subheader.begin());
    return w;
}

// Page 2A bit, or true when the profile has no page 2A to say otherwise.
bool capability(const DriveState& s, std::size_t byte, unsigned bit) {
    const scsi::Bytes* p = s.mode_pages.page(capabilities_page, PageControl::Current);
    if (p == nullptr || p->size() <= byte) return true;
    return scsi::get_bit(*p, byte, bit);
}

// Types 4-7, 14 and 15 are reserved or vendor specific (MMC-6 table 651).
bool valid_data_block_type(std::uint8_t t) { return t <= 3 || (t >= 8 && t <= 13); }
bool valid_session_format(std::uint8_t f) {
    return f == cd_session_format::cd_rom || f == cd_session_format::cd_i || f == cd_session_format::cd_rom_xa;
}

std::optional<MediaKind> loaded_kind(const DriveState& s) {
    if (s.current_profile() == 0) return std::nullopt;
    return s.medium->disc.kind;
}

} // namespace

bool write_parameters_apply(MediaKind k) { return k == MediaKind::CdR || k == MediaKind::CdRw || dvd_minus(k); }

WriteParameters write_parameters(const DriveState& s) {
    if (const scsi::Bytes* p = s.mode_pages.page(page_code, PageControl::Current)) return decode(*p);
    WriteParameters w;
    if (auto k = loaded_kind(s); k && dvd_minus(*k)) {
        w.write_type = write_type::packet;
        w.track_mode = 5;
    }
    return w;
}

bool simulating(const DriveState& s) {
    auto k = loaded_kind(s);
    return k && write_parameters_apply(*k) && write_parameters(s).test_write;
}

bool writing_cd_track_at_once(const WriteParameters& wp, const Disc& d) {
    return d.family() == MediaFamily::Cd && wp.write_type == write_type::tao;
}

std::optional<scsi::SenseData> check_write_parameters_page(const DriveState& s, scsi::ByteView page,
                                                           std::uint16_t offset) {
    const WriteParameters w = decode(page);
    auto bad = [&](std::uint16_t byte, std::optional<std::uint8_t> bit) {
        return scsi::sense::invalid_field_in_parameter_list(static_cast<std::uint16_t>(offset + byte), bit);
    };
    // Fields whose values are reserved whatever the medium (MMC-6 7.5.4.1).
    if (w.write_type > write_type::layer_jump) return bad(2, 3);
    if (w.multi_session == 2) return bad(3, 7);
    if (!valid_data_block_type(w.data_block_type)) return bad(4, 3);
    // BUFE needs a buffer-underrun-free drive (page 2A byte 4 bit 7, BUF).
    if (w.bufe && !capability(s, 4, 7)) return bad(2, 6);
    const auto kind = loaded_kind(s);
    // Page 05h is not checked against DVD+R/+RW, DVD-RAM or BD media: those drives ignore it.
    if (!kind || !write_parameters_apply(*kind)) return std::nullopt;
    // Test write needs the drive's Test Write capability (page 2A byte 3 bit 2).
    if (w.test_write && !capability(s, 3, 2)) return bad(2, 4);
    if (media_type(*kind).family == MediaFamily::Cd) {
        if (w.write_type == write_type::layer_jump) return bad(2, 3);
        // Session Format: 00h, 10h or 20h; the rest are reserved (MMC-6 table 649).
        if (!valid_session_format(w.session_format)) return bad(8, std::nullopt);
        return std::nullopt;
    }
    // DVD-R/-RW: incremental or DAO (layer jump on DVD-R DL); link size 16 (feature 0021h,
    // libburn/growisofs send 16) and fixed packets of 16 blocks.
    const bool layer_jump_ok = *kind == MediaKind::DvdMinusRDl;
    if (w.write_type == write_type::tao || w.write_type == write_type::raw ||
        (w.write_type == write_type::layer_jump && !layer_jump_ok))
        return bad(2, 3);
    if (w.write_type == write_type::packet && w.ls_v && w.link_size != 16) return bad(5, std::nullopt);
    if (w.write_type == write_type::packet && w.fixed_packet && w.packet_size != 16) return bad(10, std::nullopt);
    return std::nullopt;
}

} // namespace spindle
