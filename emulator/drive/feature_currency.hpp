#pragma once
// Which GET CONFIGURATION features are current (MMC-6 5.2, the Current bit): the profile may
// say so for a feature (always_current, current_for); otherwise a built-in rule per feature
// code, taken from the features each MMC-6 profile lists (MMC-6 5.4, Profile Definitions), decides from the
// medium in the drive.
#include "emulator/media/disc.hpp"
#include "emulator/profile/drive_profile.hpp"

#include <cstdint>

namespace spindle {

// What the Current bits depend on: the current MMC profile (0000h when no usable medium is
// in the drive) and, with one, its layout (blank or recorded, formatted or not).
struct MediumInDrive {
    std::uint16_t profile = 0;
    const Disc* disc = nullptr; // null exactly when profile is 0000h
};

// The built-in rule for `code`; unknown and vendor-specific codes are never current.
bool builtin_feature_current(std::uint16_t code, const MediumInDrive& m);
// The Current bit of one of the profile's feature descriptors.
bool feature_current(const FeatureDescriptor& f, const MediumInDrive& m);

} // namespace spindle
