#pragma once
// The control filesystem's `export` file: writing an absolute path there writes the disc in
// the drive as the disc image the path's extension names (images/disc_image.hpp: DISC.cue,
// .toc, .ccd, .iso), what `mmc-emu export` does for a disc at rest. The drive is held while the
// image is written, so the image is of one disc at one moment; an initiator's commands wait.
// Reading it says what the last export wrote.
#include "emulator/targets/served_drive.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace spindle::fusectl {

std::expected<void, std::string> write_export(ServedDrive& drive, std::string_view text);
std::string export_text(const ServedDrive& drive);

} // namespace spindle::fusectl
