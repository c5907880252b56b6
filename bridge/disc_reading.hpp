#pragma once
// `discrec read`: a disc in any drive the recorder opens (a real one, or emu:) read into a disc
// image the emulator loads: a CD into any image format (images/disc_image.hpp), a DVD or BD
// (READ CAPACITY's blocks of user data) into an ISO. The recorder asks what a reader asks (READ TOC for the tracks,
// READ TRACK INFORMATION for their extent, READ SUB-CHANNEL for the catalogue number and
// ISRCs, READ TOC format 5 for CD-Text, one READ CD for whether a data track is Mode 1 or
// Mode 2) and reads the blocks (READ(10) of Mode 1 user data, READ CD of whole audio and Mode 2
// sectors); the emulator's exporters write them (emulator/images/disc_image.hpp), so a disc read
// is laid out exactly as `mmc-emu export` lays out a disc it holds.
// A block that will not read after the retries is written as zeros and reported by LBA: the
// image is written all the same.
#include "emulator/images/disc_image.hpp"
#include "recorder/disc_recorder_ex.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace spindle::recorder {

struct DiscReadReport {
    ExportedImage image;
    std::vector<std::uint32_t> unreadable; // LBAs written as zeros
    std::size_t tracks = 0;
};

Result<DiscReadReport> read_disc_image(DiscRecorderEx& ex, const std::filesystem::path& cue, int retries = 2,
                                       const ExportProgress& progress = {});

} // namespace spindle::recorder
