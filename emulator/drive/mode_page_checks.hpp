#pragma once
// Page-specific checks MODE SELECT makes after the changeable-mask check and before anything
// is applied: a bit may be changeable and still take only some values (a write type the
// loaded medium cannot take, for page 05h). One function per page code, looked up here.
#include "emulator/drive/drive_state.hpp"

#include <optional>

namespace spindle::mode {

// `page` is the page as sent (bytes 0..length+1); `offset` is where it starts in the
// parameter list, so a field pointer names page byte i as offset + i.
using PageCheck = std::optional<scsi::SenseData> (*)(const DriveState& s, scsi::ByteView page, std::uint16_t offset);

// The check for `code`, or nullptr when the changeable mask is all there is to check.
PageCheck page_check(std::uint8_t code);

} // namespace spindle::mode
