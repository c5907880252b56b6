// timing::select_speed and friends: the rule every speed request goes through.
#include "emulator/timing/speed_selection.hpp"

#include <doctest/doctest.h>

#include <array>

namespace spindle::timing {

namespace {
constexpr std::array<std::uint32_t, 4> dvd{22160, 16620, 11080, 5540};
}

TEST_CASE("select_speed picks the fastest speed not above the request") {
    CHECK(select_speed(dvd, 16620) == 16620u);
    CHECK(select_speed(dvd, 16619) == 16620u); // within 1%: a host's rounding
    CHECK(select_speed(dvd, 16000) == 11080u);
    CHECK(select_speed(dvd, 100000) == 22160u);
}

TEST_CASE("select_speed picks the slowest when the request is below every speed, the fastest for 0") {
    CHECK(select_speed(dvd, 1) == 5540u);
    CHECK(select_speed(dvd, fastest) == 22160u);
}

TEST_CASE("select_speed does not depend on the order of the list") {
    constexpr std::array<std::uint32_t, 4> shuffled{11080, 22160, 5540, 16620};
    CHECK(select_speed(shuffled, 12000) == 11080u);
    CHECK(select_speed(shuffled, fastest) == 22160u);
}

TEST_CASE("select_speed has nothing to select from an empty list") { CHECK_FALSE(select_speed({}, 11080).has_value()); }

TEST_CASE("is_supported_exactly allows 1% rounding either way and nothing more") {
    CHECK(is_supported_exactly(dvd, 11080));
    CHECK(is_supported_exactly(dvd, 11000));
    CHECK_FALSE(is_supported_exactly(dvd, 10900));
    CHECK_FALSE(is_supported_exactly(dvd, 15000));
}

TEST_CASE("kbps_from_size_and_time is Size in kB per Time in ms, times 1000, saturating") {
    CHECK(kbps_from_size_and_time(11080, 1000) == 11080u);
    CHECK(kbps_from_size_and_time(33240, 2000) == 16620u);
    CHECK(kbps_from_size_and_time(0xFFFFFFFF, 1) == 0xFFFFFFFFu);
}

} // namespace spindle::timing
