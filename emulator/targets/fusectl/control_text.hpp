#pragma once
// The control files' text, shared by the FUSE control filesystem and the control socket: what
// reading a file shows and what writing one does. last_error is each server's own (it records
// that server's refused writes), so it is not here.
#include "emulator/targets/fusectl/control_nodes.hpp"
#include "emulator/targets/served_drive.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace spindle::fusectl {

// The control file called `name` ("tray", "disc.img" ...), or nullptr.
const FileInfo* find_control_file(std::string_view name);

// The content of a snapshot file (profile.yaml, tray, medium, state, faults, log, stats), taken
// now. Empty for log_pipe, disc.img and disc.cdda (streamed by their servers) and last_error.
std::string read_control_text(ServedDrive& drive, FileKind kind);

// Writes `text` to the file as one whole request (control_request.hpp): the change it asks for,
// or the reason it was refused (the drive left as it was). "read-only file" for a file that
// takes no writes.
std::expected<void, std::string> write_control_text(ServedDrive& drive, FileKind kind, std::string_view text);

} // namespace spindle::fusectl
