// The drive buffer over drive-clock time: fills with WRITE data, drains at the write rate.
#include "emulator/timing/buffer_model.hpp"

#include <doctest/doctest.h>

using namespace spindle;
using namespace spindle::timing;
using namespace std::chrono_literals;

namespace {
constexpr std::uint64_t one_mb_per_second = 1'000'000;
}

TEST_CASE("the buffer drains at its rate from when data arrives, and not before time moves") {
    BufferModel b(4'000'000);
    b.set_rate(0s, one_mb_per_second);
    CHECK(b.fill(0s, 1'000'000) == 0s);
    CHECK(b.streaming());
    CHECK(b.used_bytes(0s) == 1'000'000);
    CHECK(b.available_bytes(0s) == 3'000'000);
    CHECK(b.used_bytes(250ms) == 750'000);
    CHECK(b.empty_at() == 1s);
    CHECK(b.used_bytes(1s) == 0);
    CHECK(b.used_bytes(5s) == 0);
}

TEST_CASE("data beyond the free space goes in as the disc takes it: the command ends with a full buffer") {
    BufferModel b(1'000'000);
    b.set_rate(0s, one_mb_per_second);
    CHECK(b.fill(0s, 1'000'000) == 0s);
    CHECK(b.fill(0s, 500'000) == 500ms);
    CHECK(b.used_bytes(500ms) == 1'000'000);
    CHECK(b.used_bytes(750ms) == 750'000);
    CHECK(b.empty_at() == 1500ms);
    // A host that keeps sending waits the time the disc needs for each command's data.
    CHECK(b.fill(500ms, 100'000) == 600ms);
}

TEST_CASE("a rate change applies from its time on; many small updates drift by nanoseconds at most") {
    BufferModel b(10'000'000);
    b.set_rate(0s, one_mb_per_second);
    b.fill(0s, 3'000'000);
    b.set_rate(1s, 2 * one_mb_per_second); // 2 MB left, now at 2 MB/s
    CHECK(b.used_bytes(1s) == 2'000'000);
    CHECK(b.empty_at() == 2s);
    BufferModel odd(10'000'000);
    odd.set_rate(0s, 3);
    odd.fill(0s, 10);
    for (int i = 1; i <= 9; ++i) (void)odd.fill(Duration{i * 111'111'111LL}, 0); // many small updates
    CHECK(odd.used_bytes(Duration{3'300'000'000}) == 1);
    CHECK(odd.used_bytes(Duration{3'333'333'340}) == 0); // exactly: 3.333333333 s
}

TEST_CASE("flush writes out everything and ends the run; clear drops it") {
    BufferModel b(4'000'000);
    b.set_rate(0s, one_mb_per_second);
    b.fill(0s, 2'000'000);
    CHECK(b.flush(500ms) == 2s);
    CHECK_FALSE(b.streaming());
    CHECK(b.used_bytes(500ms) == 0);
    b.fill(3s, 1'000);
    b.clear();
    CHECK(b.used_bytes(3s) == 0);
    CHECK_FALSE(b.streaming());
}
