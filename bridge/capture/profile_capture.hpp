#pragma once
// A drive profile read from a drive (`discrec capture-profile`): identity and VPD serial,
// every GET CONFIGURATION feature, every mode page in its current, changeable and default
// values, the buffer, the mechanism, and per medium the write speeds (GET PERFORMANCE 03h),
// the read speeds the drive selects between, and the ignores_write_speed quirk.
//
// A drive shows speeds and Current bits only for the medium it holds, so a capture is a series
// of observations: observe() once per medium (or once, with whatever is loaded), then
// profile(). What a profile cannot hold, or what had to be assumed, is in notes().
//
// Current bits: the profile keeps MMC-6's rule (drive/feature_currency.hpp) unless an
// observation contradicts it. Then a feature current in every observation, with and without a
// medium, becomes `always_current`; otherwise `current_for` lists the profiles it was seen
// current with, plus the profiles not observed for which the rule says current.
#include "bridge/capture/capture_parse.hpp"
#include "emulator/profile/drive_profile.hpp"
#include "recorder/disc_recorder_ex.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spindle::recorder::capture {

class ProfileCapture {
public:
    // Reads the drive with the medium it holds now (or none). The first observation reads
    // identity, features, mode pages, buffer and mechanism; each one adds the Current bits and
    // speeds of its medium. Leaves the drive's speed selection at its defaults.
    Result<void> observe(DiscRecorderEx& ex);

    // The profile assembled so far; `name` becomes its header comment.
    DriveProfile profile(std::string name) const;
    Notes notes() const;
    // The current profiles of the observations, in order (0000h: no medium).
    const std::vector<std::uint16_t>& observed() const { return observed_; }

private:
    Result<void> read_drive(DiscRecorderEx& ex, const Configuration& config);
    Result<void> read_speeds(DiscRecorderEx& ex, std::uint16_t profile);
    void compare(DiscRecorderEx& ex, const Configuration& config);
    std::vector<FeatureDescriptor> features_with_currency(Notes& notes) const;

    std::optional<DriveProfile> base_;
    std::map<std::uint16_t, std::map<std::uint16_t, bool>> currency_; // feature -> profile -> Current
    std::map<std::uint16_t, MediumSpeeds> speeds_;
    bool ignores_write_speed_ = false;
    std::vector<std::uint16_t> observed_;
    Notes notes_;
};

// The YAML of a capture: a header naming the device, the media observed and the notes, then
// the profile as profile_to_yaml writes it.
std::string capture_yaml(const ProfileCapture& capture, const std::string& device);

} // namespace spindle::recorder::capture
