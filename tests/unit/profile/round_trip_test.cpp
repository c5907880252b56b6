// profile_to_yaml prints what load_profile_text reads back to the same DriveProfile.
#include "emulator/profile/profile_loader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace spindle;

namespace {

DriveProfile reload(const DriveProfile& p) {
    const auto yaml = profile_to_yaml(p);
    auto back = load_profile_text(yaml, p.name);
    REQUIRE_MESSAGE(back.has_value(), (back ? "" : back.error().to_string() + "\n" + yaml));
    return *back;
}

} // namespace

TEST_CASE("the default profile survives profile_to_yaml and back unchanged") {
    const auto& p = default_profile();
    CHECK(reload(p) == p);
}

TEST_CASE("a profile with hex pages, partial masks and odd strings survives the round trip") {
    const auto yaml = R"(identity:
  vendor: "A \"B\""
  product: "x: #y"
  revision: "1.0"
  serial: ""
  vendor_specific: " 16/04/25  PIONEER"
  inquiry_version: 5
  atapi_version: 3
  additional_length: 91
  version_descriptors: [0x0060, 0x0360]
mechanism: {loading: pop-up, eject: false, load: false, lock: false}
timings: {becoming_ready_ms: 0, spin_up_ms: 1, tray_ms: 600000}
buffer_size_kib: 512
max_transfer_blocks: 32
profiles: [cd-r, 0x0002, dvd-r-dl-jump]
features:
  - code: 0x0003
    version: 2
    persistent: true
    data: "29 00 00 00"
    current_for: [cd-r]
    always_current: true
  - code: 0x0108
    data: ""
  - code: 0xFF00
    data: "01 02 03 04"
mode_pages:
  - page: 0x01
    current: "01 0A 08 20 00 00 00 01 00 00 00 00"
    default: {awre: 1}
    changeable: {read_retry_count: 0x0F, dcr: 1}
  - page: 0x05
    current: "05 36 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
  - page: 0x2A
    current: {eject: 1, write_speed_descriptors: []}
    changeable: "2A 1E 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF FF"
  - page: 0x30
    current: "B0 02 12 34"
speeds:
  cd-r: {read: [48x], write: [8467, 2x]}
  0x0002: {read: [1000]}
)";
    const auto p = load_profile_text(yaml, "odd.yaml");
    REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().to_string()));
    CHECK(p->identity.vendor == "A \"B\"");
    CHECK(p->features[1].data.empty());
    CHECK(reload(*p) == *p);
}

TEST_CASE("pages print as named fields where the layout covers every set bit, else as hex") {
    const auto yaml = profile_to_yaml(default_profile());
    CHECK(yaml.find("      wce: 1\n    changeable: [wce]\n") != std::string::npos);
    CHECK(yaml.find("        - {rotation: clv, speed: 22160}\n") != std::string::npos);
    // Page 05h's changeable mask covers the unnamed MCN and ISRC bytes.
    CHECK(yaml.find("    changeable: \"05 32 7F FF 0F FF 00 3F FF 00 FF") != std::string::npos);
}
