#pragma once
// `discrec read DEV -o DISC.cue`: the CD in the drive as a disc image (bridge/disc_reading.hpp).
#include "recorder/disc_recorder.hpp"

#include <string>

namespace spindle::discrec {

struct ReadOptions {
    std::string output;
    int retries = 2;
    bool json = false;  // the result as JSON on stdout
    bool quiet = false; // no progress on stderr
};

// Returns an exit code; errors are printed to stderr.
int read_disc(recorder::DiscRecorder& rec, const std::string& device, const ReadOptions& o);

} // namespace spindle::discrec
