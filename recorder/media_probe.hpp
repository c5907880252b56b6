#pragma once
// What a careful burner learns about the disc before writing (libburn doc/cookbook.txt and
// libburn/mmc.c, growisofs):
// the current profile (GET CONFIGURATION), READ DISC INFORMATION, READ TRACK INFORMATION of
// the track the next write goes to, and the capacity of random-access media (READ CAPACITY,
// or READ FORMAT CAPACITIES when unformatted).
#include "recorder/disc_recorder_ex.hpp"
#include "scsi/mmc_profiles.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace spindle::recorder {

// How a medium is written: one value per command sequence (libburn doc/cookbook.txt).
enum class MediumClass : std::uint8_t {
    Unsupported,  // no medium, ROM, or a profile the recorder does not write
    Cd,           // CD-R, CD-RW: TAO with page 05h
    DvdMinus,     // DVD-R, DVD-R DL, DVD-RW sequential: incremental (or DAO) with page 05h
    DvdPlus,      // DVD+R, DVD+R DL: no page 05h
    BdR,          // BD-R SRM: like DVD+R in 64 KiB units
    RandomAccess, // DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite
};

struct MediaProbe {
    std::uint16_t profile = 0; // MMC current profile
    MediumClass medium = MediumClass::Unsupported;
    bool rewritable = false;       // can be blanked or formatted
    std::uint32_t unit_blocks = 1; // write unit: CD 1, DVD 16 (32 KiB), BD 32 (64 KiB)

    // READ DISC INFORMATION (MMC-6 table 507)
    std::uint8_t disc_status = 0;        // 0 empty, 1 incomplete, 2 complete, 3 other
    std::uint8_t last_session_state = 0; // 0 empty, 1 incomplete, 3 complete
    bool erasable = false;
    std::uint16_t sessions = 0;
    std::uint16_t first_track_last_session = 0;
    std::uint16_t last_track_last_session = 0;
    std::uint8_t background_format = 0; // 0 none, 1 started but not running, 2 running, 3 complete

    // The track the next write goes to (sequential media), or the whole disc (random access).
    std::uint16_t track = 0;
    bool track_blank = false;
    std::uint32_t track_start = 0;
    std::optional<std::uint32_t> next_writable; // NWA_V
    std::uint32_t free_blocks = 0;
    std::uint32_t total_blocks = 0;
    bool formatted = true; // random access: whether it can be written without FORMAT UNIT

    // The last closed session before the one being written (multisession append).
    std::optional<std::uint32_t> previous_session_start;
    std::optional<std::uint32_t> previous_session_last;

    std::uint32_t media_state = 0; // IMAPI_FORMAT2_DATA_MEDIA_STATE flags
    bool supports_test_write() const { return medium == MediumClass::Cd || medium == MediumClass::DvdMinus; }
};

MediumClass medium_class_for_profile(std::uint16_t profile);
// "DVD+R", "BD-RE", "no medium": the MMC profile table's name (scsi/mmc_profiles.hpp).
inline std::string_view profile_name(std::uint16_t profile) { return scsi::mmc_profile_name(profile); }

// Probes the loaded disc. E_IMAPI_RECORDER_MEDIA_NO_MEDIA and the like from the drive pass
// through; an unsupported medium is not an error here (its media_state says so).
Result<MediaProbe> probe_media(DiscRecorderEx& ex);

// Whether the first `blocks` blocks read as zeros: IMAPI2's MediaHeuristicallyBlank for media
// that have no blank state of their own (formatted random-access media).
Result<bool> reads_as_zeros(DiscRecorderEx& ex, std::uint32_t blocks);

} // namespace spindle::recorder
