// A transport says whether its device keeps a virtual clock and what it reads: what discrec
// times an erase or a format on, without knowing which transport it holds.
#include "burn_rig.hpp"

using namespace spindle::test;

TEST_CASE("an emulated drive on a virtual clock reports its time, through a traced transport too") {
    BurnRig rig("closed cd-rw");
    ScsiTransport& transport = rig.recorder->transport(); // a TracedTransport around the emulated one
    const auto before = transport.virtual_time();
    REQUIRE(before.has_value());
    CHECK(before->time_since_epoch() == rig.device->clock().now()); // the drive's clock, not this machine's
    DiscEraser eraser(*rig.recorder);
    REQUIRE(eraser.erase_media());
    const auto after = transport.virtual_time();
    REQUIRE(after.has_value());
    // A quick blank takes the drive seconds of its own time, passed here in an instant.
    CHECK(*after - *before >= std::chrono::seconds(1));
    CHECK(after->time_since_epoch() == rig.device->clock().now());
}

TEST_CASE("a drive in this machine's time has no virtual clock to report") {
    auto d = make_emulated_device(EmulatorSpec{"", "blank dvd+r"}, ClockKind::Real);
    REQUIRE(d);
    auto t = EmulatedTransport::open(*d);
    REQUIRE(t);
    CHECK_FALSE((*t)->virtual_time().has_value());
    TracedTransport traced(std::move(*t));
    CHECK_FALSE(traced.virtual_time().has_value());
}
