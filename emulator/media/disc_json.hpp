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

// The most user-data blocks a disc of `kind` holds: what its addresses reach (CD: MSF up to
// 99:59:74; DVD: 24-bit physical sector numbers from 30000h; BD: a four-layer BDXL, 128 GB).
// Far below 2^32, so that layout arithmetic (a track's end, the next session's start) on a
// valid disc cannot wrap.
std::uint32_t max_capacity_blocks(MediaKind kind);

// The layout rules every disc keeps: a capacity within its kind's range, a layer break (DVD±R
// DL) within the first layer in whole ECC blocks, tracks numbered from 1 in address order
// without overlap, sessions numbered from 1 without gaps, recorded blocks within each track,
// every track within the capacity, at most one invisible track and only as the last. The
// message names the first rule broken, by field.
std::expected<void, std::string> validate_disc(const Disc& disc);

// The states a drive leaves a disc in (as strict as tests/crash/disc_plausibility.cpp): closed
// tracks fully recorded, the invisible track open and unreserved, open tracks in the last
// session only, a formatted random-access disc one closed track over its capacity, and the
// disc status and last session state agreeing with the tracks. Checked, with validate_disc,
// on every disc a drive is given (presets.hpp make_medium); disc_from_json checks only
// validate_disc, so that any combination of fields round-trips.
std::expected<void, std::string> validate_disc_state(const Disc& disc);

// Bytes of image a layout needs: every readable block (up to the capacity of a formatted
// random-access disc, up to the last recorded block of any other).
std::uint64_t image_bytes_needed(const Disc& disc);

} // namespace spindle
