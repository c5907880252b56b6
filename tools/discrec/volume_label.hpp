#pragma once
// The volume label a disc's file system carries: the ISO 9660 primary volume descriptor's
// Volume Identifier (ECMA-119 8.4.6), 16 blocks into the last session that holds data (where
// Linux and Windows look on a multisession disc).
#include "recorder/disc_recorder_ex.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace spindle::discrec {

// nullopt when the block cannot be read or holds no primary volume descriptor.
std::optional<std::string> iso9660_volume_label(recorder::DiscRecorderEx& ex, std::uint32_t session_start);

} // namespace spindle::discrec
