#pragma once
// What the control filesystem's files show of a drive, as text: pure functions of the drive's
// state (taken with the drive locked), so they are tested without a mount.
#include "emulator/drive/drive.hpp"
#include "emulator/targets/served_drive.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace spindle::fusectl {

std::string tray_text(const DriveState& s);      // "open", "closed" or "locked"
std::string medium_text(const DriveState& s);    // "no-medium", or "type: dvd+r\nstatus: ..." lines
std::string state_text(const DriveState& s);     // "ready", "becoming-ready 2.5s", "no-medium" ...
std::string stats_text(const DriveStats& stats); // "commands: 12\n..." and one line per opcode seen

// Where the log files are: the next command sequence number and control event id to show.
struct LogCursor {
    std::uint64_t command = 1;
    std::uint64_t event = 1;
};
// Commands and control events from `cursor` on, newest last, one a line; moves the cursor past
// them. Entries the ring no longer holds are skipped.
std::string log_text(ServedDrive& drive, LogCursor& cursor);
// The cursor of the oldest entry still held (where a new reader starts).
LogCursor oldest_log_cursor(ServedDrive& drive);

// disc.img: the medium's user data up to the end of what can be read (a formatted random-access
// disc: its whole capacity; other discs: up to the last recorded block). 0 without a medium.
std::uint64_t disc_image_size(const DriveState& s);
// Bytes of disc.img at `offset` (fewer at the end). -errno on an I/O error.
long read_disc_image(const DriveState& s, std::uint64_t offset, std::span<std::uint8_t> out);

// disc.cdda: a CD's audio, 2352 bytes a block by LBA from 0 to the end of its last audio track
// (pauses and data blocks as zeros). 0 without audio.
std::uint64_t disc_audio_size(const DriveState& s);
long read_disc_audio(const DriveState& s, std::uint64_t offset, std::span<std::uint8_t> out);

} // namespace spindle::fusectl
