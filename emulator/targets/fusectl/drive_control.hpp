#pragma once
// What writing to the control filesystem's files does to a drive. Each request is one line
// ("open", "blank dvd+r", "becoming-ready 3s", "clear"), or for faults a list of rules; a request
// that makes no sense is refused whole with a reason, and the drive is left as it was.
#include "emulator/faults/fault_rule.hpp"
#include "emulator/targets/served_drive.hpp"

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::fusectl {

// tray: "open" (the eject button; refused while the host prevents removal), "eject" (the
// button as pressed: while locked only the host hears of it), "force-open" (a paper clip),
// "close".
std::expected<void, std::string> write_tray(ServedDrive& drive, std::string_view text);
// medium: a media preset to load ("blank dvd+r", "rom from /path/image.iso"), or "eject" /
// "no-medium" (the deprecated "none" too) to take the disc out; refused while the host
// prevents removal.
std::expected<void, std::string> write_medium(ServedDrive& drive, std::string_view text);
// state: a medium condition ("ready", "becoming-ready 3s", "upside-down", "format-in-progress
// 60s", "long-write 10s", "busy 2s", "incompatible-medium") or a timed change of the fault engine
// ("no-medium 5s", "tray-open 2s", "locked 10s").
std::expected<void, std::string> write_state(ServedDrive& drive, std::string_view text);
// faults: "clear" removes every rule, "remove N" removes rule N; anything else is a list of
// rules in the scenario syntax, one a line ("{command: READ(10), sense: 3/11/00}"), all added or
// none (control_request.hpp gathers them, a line at a time).
bool is_faults_command(std::string_view line);
std::expected<void, std::string> write_faults_command(ServedDrive& drive, std::string_view line);
// Line `line_no` of a rule list: its rule, or nothing for a blank or comment line. A refusal
// says where: "LINE:COLUMN: field: what was expected".
std::expected<std::optional<faults::Rule>, std::string> parse_fault_line(std::string_view line, int line_no);
void add_fault_rules(ServedDrive& drive, std::vector<faults::Rule> rules);

// Surrounding whitespace off, inner runs of blanks kept as they are.
std::string_view trim(std::string_view text);

} // namespace spindle::fusectl
