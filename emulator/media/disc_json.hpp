#pragma once
// A disc layout as text, for the metadata file beside a disc image: every field of Disc and
// Track, versioned. Reading validates as strictly as the drive needs: a file that parses is a
// layout the commands can serve, or reading fails with a message naming the field.
#include "emulator/media/disc.hpp"

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace spindle {

inline constexpr std::string_view disc_metadata_format = "spindle-disc";
inline constexpr std::uint32_t disc_metadata_version = 1;

std::string disc_to_json(const Disc& disc);
std::expected<Disc, std::string> disc_from_json(std::string_view text);

// The layout rules every disc keeps: tracks numbered from 1 in address order without overlap,
// sessions numbered from 1 without gaps, recorded blocks within each track, every track
// within the capacity, at most one invisible track and only as the last. The message names
// the first rule broken.
std::expected<void, std::string> validate_disc(const Disc& disc);

// Bytes of image a layout needs: every readable block (up to the capacity of a formatted
// random-access disc, up to the last recorded block of any other).
std::uint64_t image_bytes_needed(const Disc& disc);

} // namespace spindle
