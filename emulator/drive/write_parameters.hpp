#pragma once
// The Write Parameters mode page (05h) as the writing commands read it, and the check MODE
// SELECT makes of it against the loaded medium. MMC-6 7.5.4.1: the page applies to CD-R/RW
// and DVD-R/-RW only; DVD+R/+RW, DVD-RAM and BD ignore it (libburn mmc_compose_mode_page_5
// does not send it there; growisofs sends it for DVD+R anyway, so it must be accepted).
#include "emulator/drive/drive_state.hpp"

#include <array>
#include <optional>

namespace spindle {

namespace write_type {
inline constexpr std::uint8_t packet = 0; // Packet / Incremental
inline constexpr std::uint8_t tao = 1;    // Track At Once
inline constexpr std::uint8_t sao = 2;    // Session At Once (CD) / Disc At Once (DVD-R)
inline constexpr std::uint8_t raw = 3;
inline constexpr std::uint8_t layer_jump = 4;
} // namespace write_type

struct WriteParameters {
    bool bufe = false;
    bool ls_v = false;
    bool test_write = false;
    std::uint8_t write_type = write_type::tao;
    std::uint8_t multi_session = 0; // 00b: no next session; 01b/11b: next session allowed
    bool fixed_packet = false;
    std::uint8_t track_mode = 4;
    std::uint8_t data_block_type = 8;
    std::uint8_t link_size = 0;
    std::uint32_t packet_size = 0;
    std::uint8_t session_format = cd_session_format::cd_rom;
    std::array<std::uint8_t, 4> subheader{}; // bytes 48-51: XA blocks of data block types 10 and 12

    // A session closed with these parameters leaves the disc appendable.
    bool next_session_allowed() const { return multi_session != 0; }
};

// Whether page 05h governs writing on `kind` (CD-R/RW, DVD-R, DVD-R DL, DVD-RW sequential).
bool write_parameters_apply(MediaKind kind);

// The current page 05h; a profile without the page writes as drives do by default for the
// loaded medium (incremental on DVD-R/-RW, TAO on CD), single session.
WriteParameters write_parameters(const DriveState& s);

// Test write is honoured only where page 05h applies (simulation exists on CD-R/RW and
// DVD-R/-RW only: cdrecord refuses -dummy on DVD+R and BD).
bool simulating(const DriveState& s);

// `wp` says Track At Once and `d` is a CD: its tracks end in run-out, and the next one has a
// pregap (media/disc_writer.hpp cd_track_at_once).
bool writing_cd_track_at_once(const WriteParameters& wp, const Disc& d);

// MODE SELECT's check of page 05h (mode_page_checks.hpp): `page` as sent, starting at
// parameter-list byte `offset`.
std::optional<scsi::SenseData> check_write_parameters_page(const DriveState& s, scsi::ByteView page,
                                                           std::uint16_t offset);

} // namespace spindle
