// One test per kind of bad profile input: each checks the whole message, place and field path
// included, so a person reading it knows where to look and what to write.
#include "emulator/profile/profile_loader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace spindle;

namespace {

// Lines 1-5 of every test profile.
const std::string base = R"(identity:
  vendor: SPINDLE
  product: Test
  revision: "1.00"
profiles: [dvd+r, cd-r]
)";

std::string error_of(const std::string& yaml) {
    const auto p = load_profile_text(yaml, "drive.yaml");
    REQUIRE_MESSAGE(!p.has_value(), "the profile loaded, expected an error");
    return p.error().to_string();
}

} // namespace

TEST_CASE("the base of these tests is a valid profile") { CHECK(load_profile_text(base, "drive.yaml").has_value()); }

TEST_CASE("an unknown top-level key is an error naming the allowed keys") {
    CHECK(error_of(base + "buffer_size: 4096\n") ==
          "drive.yaml:6:1: buffer_size: unknown key; expected one of: identity, mechanism, timings, buffer_size_kib, "
          "max_transfer_blocks, profiles, features, mode_pages, speeds, quirks");
}

TEST_CASE("an unknown nested key is an error with its full path") {
    CHECK(error_of(base + "mechanism:\n  loading: tray\n  ejct: true\n") ==
          "drive.yaml:8:3: mechanism.ejct: unknown key; expected one of: loading, eject, load, lock");
    CHECK(error_of(base + "features:\n  - code: 0x0001\n    verison: 2\n") ==
          "drive.yaml:8:5: features[0].verison: unknown key; expected one of: code, version, persistent, data, "
          "current_for, always_current");
}

TEST_CASE("a key given twice is an error") {
    CHECK(error_of(base + "buffer_size_kib: 1024\nbuffer_size_kib: 2048\n") ==
          "drive.yaml:7:1: buffer_size_kib: duplicate key");
}

TEST_CASE("a missing required key is an error at its parent") {
    CHECK(error_of("identity:\n  vendor: A\n  revision: \"1\"\nprofiles: [cd-r]\n") ==
          "drive.yaml:2:3: identity.product: missing; expected a string of at most 16 characters");
    CHECK(error_of("identity: {vendor: A, product: B, revision: C}\n") ==
          "drive.yaml:1:1: profiles: missing; expected a list of MMC profiles");
}

TEST_CASE("a wrong type is an error saying what was expected and found") {
    CHECK(error_of(base + "mechanism: {eject: maybe}\n") ==
          "drive.yaml:6:20: mechanism.eject: expected true or false, got 'maybe'");
    CHECK(error_of(base + "buffer_size_kib: [1, 2]\n") ==
          "drive.yaml:6:18: buffer_size_kib: expected a number in 1..65535 (0xFFFF), got a list");
    CHECK(error_of(base + "timings: 5\n") == "drive.yaml:6:10: timings: expected a map, got 5");
    CHECK(error_of("identity:\n  vendor: {a: 1}\n  product: B\n  revision: C\nprofiles: [cd-r]\n") ==
          "drive.yaml:2:11: identity.vendor: expected a string of at most 8 printable ASCII characters, got a map");
}

TEST_CASE("an out-of-range number is an error with the range") {
    CHECK(error_of(base + "mode_pages:\n  - page: 0x08\n    current: {wce: 7}\n") ==
          "drive.yaml:8:20: mode_pages[0].current.wce: expected 0 or 1, got 7");
    CHECK(error_of(base + "mode_pages:\n  - page: 0x05\n    current: {write_type: 16}\n") ==
          "drive.yaml:8:27: mode_pages[0].current.write_type: expected a number in 0..15, got 16");
}

TEST_CASE("huge values are refused before anything is allocated") {
    CHECK(error_of(base + "buffer_size_kib: 99999999999999999999999\n") ==
          "drive.yaml:6:18: buffer_size_kib: expected a number in 1..65535 (0xFFFF), got 99999999999999999999999");
    CHECK(error_of(base + "max_transfer_blocks: 0x10000\n") ==
          "drive.yaml:6:22: max_transfer_blocks: expected a number in 1..65535 (0xFFFF), got 0x10000");
    CHECK(error_of(base + "timings: {becoming_ready_ms: 86400000}\n") ==
          "drive.yaml:6:30: timings.becoming_ready_ms: expected a number in 0..600000 (0x927C0), got 86400000");
    CHECK(error_of("identity: {vendor: A, product: B, revision: C, additional_length: 252}\nprofiles: [cd-r]\n") ==
          "drive.yaml:1:67: identity.additional_length: expected a number in 31..251, got 252");
}

TEST_CASE("an oversize or non-printable string is an error") {
    CHECK(error_of("identity: {vendor: SPINDLE-X, product: B, revision: C}\nprofiles: [cd-r]\n") ==
          "drive.yaml:1:20: identity.vendor: expected a string of at most 8 printable ASCII characters, got 9 "
          "characters");
    CHECK(error_of("identity: {vendor: A, product: B, revision: \"1.000\"}\nprofiles: [cd-r]\n") ==
          "drive.yaml:1:45: identity.revision: expected a string of at most 4 printable ASCII characters, got 5 "
          "characters");
    CHECK(error_of("identity: {vendor: \"A\\tB\", product: B, revision: C}\nprofiles: [cd-r]\n") ==
          "drive.yaml:1:20: identity.vendor: expected a string of at most 8 printable ASCII characters, got the "
          "byte 0x09");
}

TEST_CASE("an unknown profile name is an error listing the known names") {
    CHECK(error_of("identity: {vendor: A, product: B, revision: C}\nprofiles: [cd-r, hd-dvd]\n") ==
          "drive.yaml:2:18: profiles[1]: expected a profile number 0x0001..0xFFFF or one of: cd-rom, cd-r, cd-rw, "
          "dvd-rom, dvd-r, dvd-ram, dvd-rw-ro, dvd-rw, dvd-r-dl, dvd-r-dl-jump, dvd+rw, dvd+r, dvd+r-dl, bd-rom, "
          "bd-r, bd-r-rrm, bd-re, got 'hd-dvd'");
    CHECK(error_of("identity: {vendor: A, product: B, revision: C}\nprofiles: [cd-r, 0x0009]\n") ==
          "drive.yaml:2:18: profiles[1]: profile cd-r is listed twice");
}

TEST_CASE("a feature current for an unsupported profile is an error") {
    CHECK(error_of(base + "features:\n  - code: 0x001F\n    current_for: [dvd+r, dvd-ram]\n") ==
          "drive.yaml:8:26: features[0].current_for[1]: profile dvd-ram is not in `profiles`");
}

TEST_CASE("speeds for an unsupported profile, or write speeds for a ROM, are errors") {
    CHECK(error_of(base + "speeds:\n  bd-re: {read: [8x]}\n") ==
          "drive.yaml:7:3: speeds.bd-re: profile bd-re is not in `profiles`");
    CHECK(error_of("identity: {vendor: A, product: B, revision: C}\nprofiles: [dvd-rom]\n"
                   "speeds:\n  dvd-rom: {read: [16x], write: [4x]}\n") ==
          "drive.yaml:4:33: speeds.dvd-rom.write: dvd-rom media cannot be written; expected no write speeds");
    CHECK(error_of(base + "speeds:\n  dvd+r: {write: [4x, 8x]}\n") ==
          "drive.yaml:7:23: speeds.dvd+r.write[1]: expected speeds fastest first, got 11080 kB/s after 5540 kB/s");
    CHECK(error_of(base + "speeds:\n  dvd+r: {write: [fast]}\n") ==
          "drive.yaml:7:19: speeds.dvd+r.write[0]: expected a speed such as 16x or a number of kB/s in 1..1000000, "
          "got 'fast'");
}

TEST_CASE("a page whose bytes disagree with its length byte is an error") {
    CHECK(error_of(base + "mode_pages:\n  - page: 0x08\n    current: \"08 0A 04 00\"\n") ==
          "drive.yaml:8:14: mode_pages[0].current: the page length byte 0Ah needs 12 bytes in all, got 4");
}

TEST_CASE("a page whose page code byte disagrees with `page` is an error") {
    CHECK(error_of(base + "mode_pages:\n  - page: 0x08\n    current: \"01 02 00 00\"\n") ==
          "drive.yaml:8:14: mode_pages[0].current: byte 0 gives page code 01h, expected 08h");
}

TEST_CASE("changeable or default values of another size than current are an error") {
    CHECK(error_of(base + "mode_pages:\n  - page: 0x08\n    current: {wce: 1}\n    changeable: \"08 0C 04 00 00 00 00 "
                          "00 00 00 00 00 00 00\"\n") ==
          "drive.yaml:9:17: mode_pages[0].changeable: expected 12 bytes, the size of `current`, got 14");
    CHECK(error_of(base + "mode_pages:\n  - page: 0x30\n    current: \"30 02 00 00\"\n    default: \"30 00\"\n") ==
          "drive.yaml:9:14: mode_pages[0].default: expected 4 bytes, the size of `current`, got 2");
}

TEST_CASE("a page listed twice is an error") {
    CHECK(error_of(base + "mode_pages:\n  - page: 8\n    current: {}\n  - page: 0x08\n    current: {}\n") ==
          "drive.yaml:9:11: mode_pages[1].page: page 08h is listed twice");
}

TEST_CASE("an unknown page field, or fields on a page without a layout, are errors") {
    CHECK(error_of(base + "mode_pages:\n  - page: 0x08\n    current: {wce: 1, rdc: 0}\n") ==
          "drive.yaml:8:23: mode_pages[0].current.rdc: unknown field of page 08h (Caching); expected one of: ps, "
          "wce, rcd");
    CHECK(error_of(base + "mode_pages:\n  - page: 0x30\n    current: {wce: 1}\n") ==
          "drive.yaml:8:14: mode_pages[0].current: page 30h has no named fields; expected hex bytes");
}

TEST_CASE("a feature listed twice, out of order, or 0000h is an error") {
    CHECK(error_of(base + "features:\n  - code: 0x0001\n  - code: 1\n") ==
          "drive.yaml:8:11: features[1].code: feature 0001h is listed twice");
    CHECK(error_of(base + "features:\n  - code: 0x0003\n  - code: 0x0002\n") ==
          "drive.yaml:8:11: features[1].code: expected features in ascending code order, got 0002h after 0003h");
    CHECK(error_of(base + "features:\n  - code: 0\n") ==
          "drive.yaml:7:11: features[0].code: feature 0000h (Profile List) is built from `profiles`; do not list it");
    CHECK(error_of(base + "features:\n  - code: 0x0001\n    data: \"00 00 00\"\n") ==
          "drive.yaml:8:11: features[0].data: expected a multiple of 4 bytes (MMC-6 5.3), got 3");
}

TEST_CASE("a YAML syntax error is reported at yaml-cpp's mark") {
    CHECK(error_of(base + "speeds: {dvd+r: [8x\n") ==
          "drive.yaml:7:1: YAML syntax error: end of sequence flow not found");
}

TEST_CASE("an empty document is an error") {
    CHECK(error_of("") == "drive.yaml: empty profile; expected a map");
    CHECK(error_of("- a\n") == "drive.yaml:1:1: expected a map, got a list");
}

TEST_CASE("a missing file is an error naming the file") {
    const auto p = load_profile_file("/nonexistent/drive.yaml");
    REQUIRE(!p.has_value());
    CHECK(p.error().to_string() == "/nonexistent/drive.yaml: cannot open: No such file or directory");
}
