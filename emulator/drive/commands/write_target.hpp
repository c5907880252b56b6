#pragma once
// What the writing commands share: the disc they act on (the medium's, or a test-write
// shadow of it), and how a long operation answers with and without Immed.
#include "emulator/drive/command.hpp"
#include "emulator/drive/drive_state.hpp"
#include "emulator/media/disc_writer.hpp"

#include <optional>

namespace spindle {

struct WriteTarget {
    Disc& disc;
    DiscWriter writer;
    bool simulated; // test write: no data reaches the store, the medium's layout stays
};

// The medium's disc, or with test write on (write_parameters.hpp: simulating) the shadow,
// taken afresh when the medium changed or test write was off.
WriteTarget write_target(DriveState& s);

// MEDIUM ERROR with `code` when the disc's files could not be saved or synced (Medium::failure:
// the change a command just made, or an earlier one, is not safely on the disc, and stays
// so until the disc is reloaded); nothing while the disc is sound. Codes by command, from
// SPC-4 table 28 / MMC-6 annex F: a write or flush 0C/00 WRITE ERROR, closing a session
// 72/00 SESSION FIXATION ERROR, BLANK 51/00 ERASE FAILURE, FORMAT UNIT 31/01 FORMAT COMMAND
// FAILED.
std::optional<scsi::SenseData> medium_failure(const DriveState& s, const scsi::Asc& code);

// A command that keeps the drive busy for `duration`: with Immed it answers GOOD at once and
// the medium reports `kind` (NOT READY with progress) until done; without, the answer itself
// waits (busy_until).
Completion long_operation(DriveState& s, bool immed, MediumCondition kind, Duration duration);

} // namespace spindle
