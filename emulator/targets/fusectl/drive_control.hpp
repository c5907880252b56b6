#pragma once
// What writing to the control filesystem's files does to a drive. Each write is one request
// ("open", "load blank dvd+r", "becoming-ready 3s", a fault rule ...); a request that makes no
// sense is refused whole with a reason, and the drive is left as it was.
#include "emulator/targets/served_drive.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace spindle::fusectl {

// tray: "open" (the eject button; refused while the host prevents removal), "eject" (the
// button as pressed: while locked only the host hears of it), "force-open" (a paper clip),
// "close".
std::expected<void, std::string> write_tray(ServedDrive& drive, std::string_view text);
// medium: a media preset to load ("blank dvd+r", "rom from /path/image.iso"), or "eject" /
// "none" to take the disc out; refused while the host prevents removal.
std::expected<void, std::string> write_medium(ServedDrive& drive, std::string_view text);
// state: a medium condition ("ready", "becoming-ready 3s", "upside-down", "format-in-progress
// 60s", "long-write 10s", "busy 2s", "incompatible-media") or a timed change of the fault engine
// ("no-medium 5s", "tray-open 2s", "locked 10s").
std::expected<void, std::string> write_state(ServedDrive& drive, std::string_view text);
// faults: rules in the scenario syntax, one a line ("{command: READ(10), sense: 3/11/00}"), all
// added or none; "clear" removes every rule; "remove N" removes rule N.
std::expected<void, std::string> write_faults(ServedDrive& drive, std::string_view text);

// Surrounding whitespace off, inner runs of blanks kept as they are.
std::string_view trim(std::string_view text);

} // namespace spindle::fusectl
