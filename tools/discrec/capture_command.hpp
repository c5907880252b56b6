#pragma once
// `discrec capture-profile DEV`: the drive's profile as YAML the emulator loads.
#include "recorder/disc_recorder.hpp"

#include <string>

namespace spindle::discrec {

// Captures with the medium the drive holds; writes the YAML to `output` ("-": stdout).
// Returns an exit code; errors are printed to stderr.
int capture_profile(recorder::DiscRecorder& rec, const std::string& device, const std::string& output);

} // namespace spindle::discrec
