// The profile's `quirks:` section: how a drive model reports what the standards have no code for.
#include "support/test_drive.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("quirks default to 2/3A/01 for upside down and 2/30/11 for a speed mismatch") {
    const auto& q = default_profile().quirks;
    CHECK(q.upside_down == SenseTriple{0x2, 0x3A, 0x01});
    CHECK(q.speed_mismatch == SenseTriple{0x2, 0x30, 0x11});
}

TEST_CASE("quirks load from a profile and survive profile_to_yaml") {
    auto yaml = std::string(default_profile_yaml()) + "\nquirks:\n  upside_down: 3/06/00\n  speed_mismatch: 2/30/00\n";
    const auto p = profile_from_yaml(yaml);
    CHECK(p.quirks.upside_down == SenseTriple{0x3, 0x06, 0x00});
    CHECK(p.quirks.speed_mismatch == SenseTriple{0x2, 0x30, 0x00});
    auto again = load_profile_text(profile_to_yaml(p), "<again>");
    REQUIRE(again);
    CHECK(again->quirks == p.quirks);
}

TEST_CASE("a bad quirk is refused with its place in the file") {
    auto yaml = std::string("identity: {vendor: A, product: B, revision: \"1\"}\nprofiles: [dvd+r]\n"
                            "quirks:\n  upside_down: 2/3A\n");
    auto p = load_profile_text(yaml, "q.yaml");
    REQUIRE_FALSE(p);
    CHECK(p.error().to_string() ==
          "q.yaml:4:16: quirks.upside_down: expected a sense key/ASC/ASCQ in hex, such as 2/3A/01, got '2/3A'");
    auto unknown =
        load_profile_text(std::string("identity: {vendor: A, product: B, revision: \"1\"}\nprofiles: [dvd+r]\n"
                                      "quirks: {sideways: 2/3A/01}\n"),
                          "q.yaml");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message == "unknown key; expected one of: ignores_write_speed, upside_down, speed_mismatch");
}
