// The control files' `medium` never puts a stale copy of the disc in the drive
// over what the drive acknowledged. Naming the disc already in the drive puts that disc back
// as it is, decided under the drive's lock.
#include "served_media/served_fixture.hpp"

#include <atomic>
#include <thread>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("medium: naming the disc in the drive keeps every WRITE it acknowledged") {
    TempDir dir;
    const auto image = dir / "disc.img";
    Served s;
    REQUIRE(fusectl::write_medium(s.drive, "blank dvd+r image=" + image.string()));
    s.settle();
    REQUIRE(s.write(0, 16, 0x11) == "GOOD");  // first data: the layout is saved at once
    REQUIRE(s.write(16, 16, 0x22) == "GOOD"); // growth: saved at the next flush point
    for (const std::string& again : {"saved " + image.string(), "blank dvd+r image=" + image.string()}) {
        CAPTURE(again);
        REQUIRE(fusectl::write_medium(s.drive, again));
        s.settle();
        CHECK(s.recorded() == 32);
        CHECK(s.first_byte(16) == 0x22);
        CHECK(s.nwa() == 32);
    }
    const auto e = fusectl::write_medium(s.drive, "blank cd-r image=" + image.string());
    REQUIRE_FALSE(e);
    CHECK(e.error().find("holds a dvd+r disc, not a cd-r") != std::string::npos);
    CHECK(s.recorded() == 32);
}

TEST_CASE("medium: WRITEs acknowledged while the disc is named again are all kept") {
    TempDir dir;
    const auto image = dir / "disc.img";
    Served s;
    REQUIRE(fusectl::write_medium(s.drive, "blank dvd+r image=" + image.string()));
    s.settle();
    std::atomic<bool> stop{false};
    std::vector<std::pair<std::uint32_t, std::uint8_t>> acknowledged; // (first block, fill): the writer's
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            s.wait(std::chrono::seconds(10));                     // a reloaded disc becomes ready
            (void)s.run(as_vector(scsi::cdb::test_unit_ready())); // its unit attention
            const std::uint32_t at = s.nwa();
            const auto fill = static_cast<std::uint8_t>(i % 255 + 1);
            if (s.write(at, 16, fill) == "GOOD") acknowledged.emplace_back(at, fill);
        }
    });
    for (int i = 0; i < 50; ++i) {
        REQUIRE(fusectl::write_medium(s.drive, "saved " + image.string()));
        std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
    stop = true;
    writer.join();
    REQUIRE(fusectl::write_medium(s.drive, "saved " + image.string()));
    s.settle();
    REQUIRE_FALSE(acknowledged.empty());
    MESSAGE(acknowledged.size(), " WRITEs acknowledged");
    CHECK(s.recorded() >= acknowledged.back().first + 16);
    int overwritten = 0; // acknowledged blocks a later WRITE went over (at a stale NWA)
    for (const auto& [at, fill] : acknowledged)
        if (s.first_byte(at) != fill) ++overwritten;
    CHECK(overwritten == 0);
}
