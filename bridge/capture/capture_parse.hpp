#pragma once
// Drive answers -> the parts of a DriveProfile. Pure functions over bytes; what cannot be
// represented in a profile is said in `notes` (one line each, written into the YAML header).
#include "emulator/profile/drive_profile.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spindle::recorder::capture {

using Notes = std::vector<std::string>;

// Standard INQUIRY data (SPC-4 table 142): vendor, product, revision (trailing spaces
// dropped: the drive pads them back), vendor-specific bytes 36-55, version, transport and
// format nibbles, additional length and the version descriptors.
DriveIdentity parse_inquiry(scsi::ByteView data, Notes& notes);
// VPD page 80h (SPC-4 7.8.15): the product serial number as the drive sends it.
std::string parse_unit_serial(scsi::ByteView page, Notes& notes);
// VPD page 00h: the supported page codes.
std::vector<std::uint8_t> parse_supported_vpd(scsi::ByteView page);

struct ObservedFeature {
    FeatureDescriptor descriptor; // current_for / always_current left empty
    bool current = false;
};
struct Configuration {
    std::uint16_t current_profile = 0;
    std::vector<std::uint16_t> profiles; // feature 0000h, in the drive's order
    std::vector<ObservedFeature> features;
};
// GET CONFIGURATION data (MMC-6 table 83 and 5.2).
std::optional<Configuration> parse_configuration(scsi::ByteView data, Notes& notes);

// The pages of a MODE SENSE(10) answer (SPC-4 7.5.5 header, block descriptors skipped), by
// page code, each from its page code byte (PS cleared: the drive model sets it) to its end.
std::map<std::uint8_t, scsi::Bytes> parse_mode_pages(scsi::ByteView data, Notes& notes);

// Removable Medium feature 0003h (MMC-6 5.3.4) or page 2Ah byte 6: the mechanism.
std::optional<Mechanism> mechanism_from_feature(scsi::ByteView data, Notes& notes);
std::optional<Mechanism> mechanism_from_page_2a(scsi::ByteView page, Notes& notes);

// GET PERFORMANCE type 03h: the write speeds (kB/s), fastest first, each once.
std::vector<std::uint32_t> parse_write_speeds(scsi::ByteView data);
// GET PERFORMANCE type 00h: the highest speed of the nominal descriptors, 0 without any.
std::uint32_t parse_nominal_speed(scsi::ByteView data);

} // namespace spindle::recorder::capture
