#pragma once
// The drives a run or an attach serves, made from the command line's profile and media: each a
// ServedDrive named drive0, drive1, ... (the control filesystem's directory names).
#include "emulator/targets/served_drive.hpp"

#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace spindle::cli {

struct DriveSetOptions {
    std::string profile;   // file, or empty for the built-in profile
    std::string media;     // preset text; empty or "no-medium": no disc
    std::string image;     // where a writable medium keeps its data; several drives: IMAGE.0, IMAGE.1 ...
    std::string state_dir; // saved mode pages; several drives: STATE/drive0/, STATE/drive1/ ...
    std::string faults;    // a fault scenario (YAML) each drive loads at start; empty: none
    int drives = 1;
};

using DriveSet = std::vector<std::unique_ptr<ServedDrive>>;

// Errors name the option; a bad profile or scenario is reported file:line:column as the
// loaders report it, and no drive is made. Several drives never share an image (a preset's
// image= or saved PATH is refused; --image is suffixed) nor a saved mode pages file.
std::expected<DriveSet, std::string> make_drives(const DriveSetOptions& o, Clock& clock);
// The --faults option's help, shared by run and attach.
inline constexpr const char* faults_option_help =
    "Fault scenario (YAML: rules and timed events, emulator/faults/README.md) every drive\n"
    "loads at start; event times count from the start. Rules can be added later through the\n"
    "control filesystem's faults file";
std::vector<ServedDrive*> pointers(const DriveSet& drives);

} // namespace spindle::cli
