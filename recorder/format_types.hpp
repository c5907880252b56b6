#pragma once
// IDiscFormat2Data / IDiscFormat2Erase enumerations and event arguments (imapi2.h), with the
// same numeric values, and the clock progress is measured on.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

namespace spindle::recorder {

// IMAPI_FORMAT2_DATA_MEDIA_STATE: flags.
namespace media_state {
inline constexpr std::uint32_t unknown = 0x0000;
inline constexpr std::uint32_t informational_mask = 0x000F;
inline constexpr std::uint32_t unsupported_mask = 0xFC00;
inline constexpr std::uint32_t overwrite_only = 0x0001; // also RANDOMLY_WRITABLE
inline constexpr std::uint32_t blank = 0x0002;
inline constexpr std::uint32_t appendable = 0x0004;
inline constexpr std::uint32_t final_session = 0x0008;
inline constexpr std::uint32_t damaged = 0x0400;
inline constexpr std::uint32_t erase_required = 0x0800;
inline constexpr std::uint32_t non_empty_session = 0x1000;
inline constexpr std::uint32_t write_protected = 0x2000;
inline constexpr std::uint32_t finalized = 0x4000;
inline constexpr std::uint32_t unsupported_media = 0x8000;
} // namespace media_state

// "blank | appendable" style text of the flags.
std::string media_state_text(std::uint32_t flags);

// IMAPI_FORMAT2_DATA_WRITE_ACTION.
enum class WriteAction : std::uint8_t {
    ValidatingMedia = 0,
    FormattingMedia = 1,
    InitializingHardware = 2,
    CalibratingPower = 3,
    WritingData = 4,
    Finalization = 5,
    Completed = 6,
    Verifying = 7,
};
std::string_view to_string(WriteAction a); // "validating media", ...

// The clock progress times are read from; tests make it virtual.
using ProgressClock = std::function<std::chrono::steady_clock::time_point()>;
inline std::chrono::steady_clock::time_point system_progress_clock() { return std::chrono::steady_clock::now(); }

// IDiscFormat2DataEventArgs (with IWriteEngine2EventArgs). Times in seconds, as IMAPI2's LONGs
// but fractional; sectors of 2048 bytes.
struct WriteProgress {
    WriteAction action = WriteAction::ValidatingMedia;
    double elapsed_seconds = 0;   // since Write started
    double remaining_seconds = 0; // estimate for the current action; 0 when unknown
    double total_seconds = 0;     // elapsed + remaining
    double action_seconds = 0;    // since the current action started
    std::uint32_t start_lba = 0;
    std::uint32_t sector_count = 0; // sectors this write puts on the disc
    std::uint32_t sectors_done = 0; // of sector_count, in the current action (writing, verifying)
    std::uint32_t last_written_lba = 0;
    std::uint32_t last_read_lba = 0;
    // The drive's buffer (READ BUFFER CAPACITY); zero when the drive does not say.
    std::uint32_t drive_buffer_bytes = 0;
    std::uint32_t drive_buffer_free_bytes = 0;
    // The recorder's own buffer between the stream and the drive.
    std::uint32_t total_system_buffer = 0;
    std::uint32_t used_system_buffer = 0;
    std::uint32_t free_system_buffer = 0;
    // Drive-reported progress of a long operation (format, close), 0..1; negative when none.
    double operation_fraction = -1;
};
using WriteProgressHandler = std::function<void(const WriteProgress&)>;

// DDiscFormat2EraseEvents::Update.
struct EraseProgress {
    double elapsed_seconds = 0;
    double estimated_total_seconds = 0;
    double fraction = -1; // the drive's progress indication, 0..1; negative when none
};
using EraseProgressHandler = std::function<void(const EraseProgress&)>;

} // namespace spindle::recorder
