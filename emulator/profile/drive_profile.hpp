#pragma once
// What a drive is: the in-memory form of a YAML drive profile (profiles/README.md documents
// the YAML). The loader validates everything; handlers may trust these values.
#include "scsi/bytes.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spindle {

struct DriveIdentity {
    std::string vendor;                             // INQUIRY bytes 8-15, at most 8 characters
    std::string product;                            // bytes 16-31, at most 16
    std::string revision;                           // bytes 32-35, at most 4
    std::string serial;                             // VPD 80h
    std::string vendor_specific;                    // bytes 36-55, at most 20
    std::uint8_t version = 0x00;                    // INQUIRY byte 2 (0 = no standard claimed, 5 = SPC-3 ...)
    std::uint8_t atapi_version = 0;                 // INQUIRY byte 3 bits 7-4 (ATAPI transport version)
    std::uint8_t response_data_format = 2;          // INQUIRY byte 3 bits 3-0
    std::vector<std::uint16_t> version_descriptors; // INQUIRY bytes 58-73 when the answer is that long
    std::uint8_t additional_length = 31;            // INQUIRY byte 4; 31 gives the 36-byte answer

    bool operator==(const DriveIdentity&) const = default;
};

// Page 2Ah byte 6 bits 7-5 (MMC-6 table 606) and feature 0003h.
enum class LoadingMechanism : std::uint8_t { Caddy = 0, Tray = 1, PopUp = 2, Changer = 4, Cartridge = 5 };

struct Mechanism {
    LoadingMechanism loading = LoadingMechanism::Tray;
    bool can_eject = true;
    bool can_load = true; // the tray closes by command (DeviceCanLoadMedia)
    bool can_lock = true;

    bool operator==(const Mechanism&) const = default;
};

struct Timings {
    std::chrono::milliseconds becoming_ready{1500}; // after a medium is loaded
    std::chrono::milliseconds spin_up{500};         // START UNIT on a stopped disc
    std::chrono::milliseconds tray{800};            // tray open or close

    bool operator==(const Timings&) const = default;
};

// One GET CONFIGURATION feature descriptor (MMC-6 5.2): header fields and the bytes after
// the 4-byte header. Feature 0000h is built from `profiles` and is not listed.
struct FeatureDescriptor {
    std::uint16_t code = 0;
    std::uint8_t version = 0;
    bool persistent = false;
    scsi::Bytes data;
    // The profiles for which this feature is current. Empty: the built-in MMC-6 rule for the
    // feature code decides (see drive/feature_currency.hpp).
    std::vector<std::uint16_t> current_for;
    bool always_current = false;

    bool operator==(const FeatureDescriptor&) const = default;
};

// A mode page's values as whole pages (page code byte through the last parameter byte).
// `default_values` and `changeable` have the same length as `current`.
struct ModePageValues {
    scsi::Bytes current;
    scsi::Bytes changeable;
    scsi::Bytes default_values;

    bool operator==(const ModePageValues&) const = default;
};

// Speeds in kB/s (1000 bytes/s, as MMC counts them) for one MMC profile.
struct MediumSpeeds {
    std::vector<std::uint32_t> read;  // fastest first
    std::vector<std::uint32_t> write; // fastest first; empty = the drive cannot write it

    bool operator==(const MediumSpeeds&) const = default;
};

// A sense key / ASC / ASCQ a profile names ("2/3A/01").
struct SenseTriple {
    std::uint8_t key = 0;
    std::uint8_t asc = 0;
    std::uint8_t ascq = 0;

    bool operator==(const SenseTriple&) const = default;
};

// Behaviour a particular model shows that MMC does not prescribe (profiles/README.md, `quirks`).
// The drive model implements each one generically; the profile says which apply.
struct Quirks {
    // SET CD SPEED and SET STREAMING write speeds are accepted but the drive keeps writing at
    // the fastest speed for the medium (Lite-On iHAS124: speed=4 burnt at 10x-16x).
    bool ignores_write_speed = false;
    // How the model reports what the standards give no code for.
    SenseTriple upside_down{0x2, 0x3A, 0x01};    // finds no lead-in: "no medium" while GESN sees a disc
    SenseTriple speed_mismatch{0x2, 0x30, 0x11}; // MMC 30/11 UNSUPPORTED MEDIUM VERSION

    bool operator==(const Quirks&) const = default;
};

struct DriveProfile {
    std::string name; // where it came from: a file path or "default"
    DriveIdentity identity;
    Mechanism mechanism;
    Timings timings;
    std::vector<std::uint16_t> profiles;               // supported MMC profiles, in the drive's order
    std::vector<FeatureDescriptor> features;           // in ascending code order
    std::map<std::uint8_t, ModePageValues> mode_pages; // by page code
    std::map<std::uint16_t, MediumSpeeds> speeds;      // by MMC profile
    std::uint32_t buffer_size_bytes = 4 * 1024 * 1024;
    std::uint32_t max_transfer_blocks = 0xFFFF; // largest READ/WRITE transfer, 2048-byte blocks
    Quirks quirks;

    // The feature with `code`, or nullptr when the drive does not list it.
    const FeatureDescriptor* feature(std::uint16_t code) const {
        const auto it = std::ranges::find(features, code, &FeatureDescriptor::code);
        return it == features.end() ? nullptr : &*it;
    }

    bool operator==(const DriveProfile&) const = default;
};

} // namespace spindle
