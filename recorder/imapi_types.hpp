#pragma once
// IMAPI2's enumerations for the recorder methods (imapi2.h), with the same numeric values.
#include <cstdint>
#include <string_view>

namespace spindle::recorder {

// IMAPI_MODE_PAGE_REQUEST_TYPE: the MODE SENSE page control field (SPC-4 table 97).
enum class ModePageRequestType : std::uint8_t { Current = 0, Changeable = 1, Default = 2, Saved = 3 };

// IMAPI_READ_TRACK_ADDRESS_TYPE: READ TRACK INFORMATION address/number type (MMC-6 table 550).
enum class ReadTrackAddressType : std::uint8_t { Lba = 0, Track = 1, Session = 2 };

// IMAPI_FEATURE_PAGE_TYPE, IMAPI_PROFILE_TYPE and IMAPI_MODE_PAGE_TYPE are the MMC codes
// themselves (feature 0003h, profile 001Bh, page 2Ah): plain integers here.
using FeaturePageType = std::uint16_t;
using ProfileType = std::uint16_t;
using ModePageType = std::uint8_t;

std::string_view to_string(ModePageRequestType t); // "current", "changeable", "default", "saved"

} // namespace spindle::recorder
