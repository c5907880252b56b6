#pragma once
// Mode pages back to YAML: named fields when the page's layout covers every set bit (so the
// text loads back to the same bytes), hex otherwise.
#include "emulator/profile/drive_profile.hpp"

#include <string>

namespace spindle::profile_yaml {

// "05 32 7F ...": what the loader's hex fields accept.
std::string hex_string(scsi::ByteView bytes);

// Appends one `mode_pages` list entry ("  - page: 0x08" and its values).
void write_mode_page(std::string& out, std::uint8_t page, const ModePageValues& values);

} // namespace spindle::profile_yaml
