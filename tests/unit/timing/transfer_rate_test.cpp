// Durations from speeds: 1x of each family and the rounding rules.
#include "emulator/timing/transfer_rate.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::timing;
using namespace std::chrono_literals;

TEST_CASE("1x moves 150 KiB of CD user data, 1385 kB of DVD and 4495 kB of BD per second") {
    CHECK(one_x_kbps(MediaFamily::Cd) == 176);
    CHECK(one_x_kbps(MediaFamily::Dvd) == 1385);
    CHECK(one_x_kbps(MediaFamily::Bd) == 4495);
    CHECK(ticks_for_bytes(cd_1x_user_bytes_per_second, cd_1x_user_bytes_per_second) == 1s);
    CHECK(ticks_for_write(MediaFamily::Dvd, 1'385'000, 1385) == 1s);
    CHECK(ticks_for_write(MediaFamily::Bd, 4'495'000 * 2, 4495) == 2s);
    // A CD speed counts 2352-byte sectors: 75 sectors of 2048 user bytes per second at 176.4 kB/s.
    CHECK(user_bytes_per_second(MediaFamily::Cd, 7056) == 6'144'000); // 40x: 40 x 153600
    CHECK(ticks_for_write(MediaFamily::Cd, 6'144'000, 7056) == 1s);
}

TEST_CASE("a 16x DVD writes 1 MiB in 47.3 ms; durations round up, byte counts down") {
    const auto d = ticks_for_write(MediaFamily::Dvd, 1 << 20, 22160);
    CHECK(d == Duration{47'318'412}); // 1048576 / 22160000 s, rounded up to the nanosecond
    CHECK(bytes_in(d, 22'160'000) == 1 << 20);
    CHECK(bytes_in(d - 1ns, 22'160'000) == (1 << 20) - 1);
    CHECK(ticks_for_bytes(1, 3) == Duration{333'333'334});
    CHECK(bytes_in(Duration{333'333'333}, 3) == 0);
}

TEST_CASE("nothing moves at speed 0; no time passes for no bytes") {
    CHECK(ticks_for_bytes(1, 0) == Duration::max());
    CHECK(ticks_for_bytes(0, 0) == Duration{0});
    CHECK(bytes_in(1s, 0) == 0);
    CHECK(bytes_in(-1s, 1000) == 0);
    CHECK(user_bytes_per_second(MediaFamily::Dvd, 0) == 0);
}
