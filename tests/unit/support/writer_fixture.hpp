#pragma once
// A writer profile whose features and timings the GET CONFIGURATION, GESN, START STOP UNIT
// and state-machine tests spell out byte for byte, and discs built without media presets.
#include "scsi/cdb_configuration.hpp"
#include "support/test_drive.hpp"

#include <array>
#include <chrono>
#include <memory>
#include <string>

namespace spindle::test {

inline constexpr std::string_view default_mechanism = "{loading: tray, eject: true, load: true, lock: true}";

// Features: Core, Removable Medium, DVD Read, DVD+R, Real Time Streaming, and a vendor
// feature FF00h that the profile makes current for DVD+R only.
inline DriveProfile writer_profile(std::string_view mechanism = default_mechanism) {
    std::string yaml = R"(
identity:
  vendor: SPINDLE
  product: Test Writer
  revision: "1.00"
  serial: TW0001
timings: {becoming_ready_ms: 2000, spin_up_ms: 300, tray_ms: 700}
profiles: [bd-re, dvd+r, dvd-rom, cd-r]
features:
  - {code: 0x0001, version: 2, persistent: true, data: "00 00 00 02 01 00 00 00"}
  - {code: 0x0003, version: 2, persistent: true, data: "29 00 00 00"}
  - {code: 0x001F, version: 2, data: "01 00 00 00"}
  - {code: 0x002B, version: 1, data: "01 00 00 00"}
  - {code: 0x0107, version: 4, data: "1F 00 00 00"}
  - {code: 0xFF00, data: "AA BB CC DD", current_for: [dvd+r]}
)";
    yaml += "mechanism: " + std::string(mechanism) + "\n";
    return profile_from_yaml(yaml);
}

// TEST UNIT READY, and GET EVENT STATUS NOTIFICATION polling the media class.
inline const auto tur = scsi::cdb::test_unit_ready();
inline auto gesn_media() { return scsi::cdb::get_event_status_notification(scsi::cdb::event_class::media, 8); }

inline constexpr auto becoming_ready = std::chrono::milliseconds(2000);
inline constexpr auto spin_up = std::chrono::milliseconds(300);
inline constexpr auto tray_time = std::chrono::milliseconds(700);

// A blank disc of `kind` at its usual capacity; no data store (none of these commands read).
inline std::unique_ptr<Medium> disc(MediaKind kind) {
    auto m = std::make_unique<Medium>();
    m->disc.kind = kind;
    m->disc.capacity_blocks = media_type(kind).capacity_blocks;
    return m;
}

// Loads `medium`, waits until it is ready and consumes the unit attentions on the way.
inline void load_ready(TestDrive& t, std::unique_ptr<Medium> medium) {
    t.settled();
    t.drive.load(std::move(medium));
    t.clock.advance(t.drive.profile().timings.becoming_ready);
    t.run(scsi::cdb::test_unit_ready()); // the drive notices it is ready: 6/28/00
    t.settled();
}

// Sense-key-specific bytes 15-17 of a CHECK CONDITION.
inline std::array<std::uint8_t, 3> sense_key_specific(const Result& r) {
    const auto s = r.sense_bytes();
    return {s[15], s[16], s[17]};
}
inline std::array<std::uint8_t, 3> sks(int a, int b, int c) {
    return {static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(c)};
}

} // namespace spindle::test
