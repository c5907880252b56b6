#pragma once
// CD audio played by the drive itself (PLAY AUDIO, PAUSE/RESUME, STOP PLAY/SCAN, SCAN). There
// is no sound card behind it: the drive plays on its clock, 75 blocks a second at 1x (a scan
// 8 times as fast), so the position READ SUB-CHANNEL reports moves as a real drive's would.
#include "emulator/timing/clock.hpp"

#include <cstdint>
#include <optional>

namespace spindle {

struct DriveState;

// READ SUB-CHANNEL's audio status byte (MMC-6 table 415; <linux/cdrom.h> CDROM_AUDIO_*).
enum class AudioStatus : std::uint8_t {
    Playing = 0x11,
    Paused = 0x12,
    Completed = 0x13, // reported once, then NoStatus
    StoppedByError = 0x14,
    NoStatus = 0x15,
};

// A play or scan in progress or paused.
struct AudioPlay {
    bool active = false; // playing, scanning or paused; false: nothing to report but `last`
    bool paused = false;
    std::int64_t from = 0;     // where the current stretch began (the start, or where it resumed)
    std::int64_t end = 0;      // one past the last block to play (a reverse scan: the first block)
    int speed = 1;             // blocks per 1/75 s: 1 for a play, +-8 for a scan
    DriveTime since{0};        // when the current stretch began (while not paused)
    std::int64_t position = 0; // while paused: where it stopped
    // What READ SUB-CHANNEL reports while nothing plays: Completed once after a play ran to
    // its end, NoStatus otherwise.
    AudioStatus last = AudioStatus::NoStatus;
};

namespace audio {

inline constexpr int scan_speed = 8;

// The block being played now (while active); a finished play has already ended here.
std::int64_t position(const DriveState& s);
// READ SUB-CHANNEL's current position: the block playing, or else the last block read or played.
std::int64_t current_block(const DriveState& s);
// The status now, as the control files show it.
AudioStatus status(const DriveState& s);
// The status READ SUB-CHANNEL reports now: a Completed is reported once, then NoStatus.
AudioStatus report_status(DriveState& s);
// Starts playing [start, end) at `speed` (negative: towards lower addresses, down to `end`).
void play(DriveState& s, std::int64_t start, std::int64_t end, int speed = 1);
void pause(DriveState& s);
void resume(DriveState& s);
// Ends a play or scan without completing it (STOP PLAY/SCAN, a command or a medium change
// that interrupts it): the status becomes NoStatus and the position stays where it was.
void stop(DriveState& s);
// Ends a play that has run to its end by now: Completed, reported once.
void finish_if_done(DriveState& s);
// When the current play ends by itself, if it is running.
std::optional<DriveTime> ends_at(const DriveState& s);

} // namespace audio
} // namespace spindle
