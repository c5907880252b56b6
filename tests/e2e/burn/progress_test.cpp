// IDiscFormat2DataEventArgs: the actions a burn goes through, sectors that only grow, an event
// at least every 0.5 s while writing, the drive buffer, times that add up.
#include "burn_rig.hpp"

#include <algorithm>

using namespace spindle::test;

namespace {

// A clock the test controls: every command the drive has answered took 0.1 s.
ProgressClock command_clock(const BurnRig& rig) {
    const TracedTransport* trace = rig.trace;
    return [trace] {
        return std::chrono::steady_clock::time_point(std::chrono::milliseconds(100) *
                                                     static_cast<long>(trace->commands().size()));
    };
}

} // namespace

TEST_CASE("progress: the required actions in order, growing sectors, an event every 0.5 s while writing") {
    for (const std::string preset : {"blank dvd+rw", "blank cd-r", "blank bd-r", "blank dvd-r"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        auto w = rig.writer();
        w.set_clock(command_clock(rig));
        w.set_verify(true);
        std::vector<WriteProgress> events;
        w.set_progress_handler([&](const WriteProgress& p) { events.push_back(p); });
        auto s = memory_stream(image(20 * 1024 * 1024));
        auto r = w.write(*s);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));

        std::vector<WriteAction> order;
        for (const auto& e : events)
            if (order.empty() || order.back() != e.action) order.push_back(e.action);
        CHECK(order.front() == WriteAction::ValidatingMedia);
        for (auto a : {WriteAction::InitializingHardware, WriteAction::WritingData, WriteAction::Finalization,
                       WriteAction::Completed, WriteAction::Verifying})
            CHECK(std::ranges::find(order, a) != order.end());
        CHECK(order.back() == WriteAction::Completed);
        if (preset == "blank dvd+rw") CHECK(std::ranges::find(order, WriteAction::FormattingMedia) != order.end());

        double last_time = -1;
        std::uint32_t last_sectors = 0;
        for (const auto& e : events) {
            CHECK(e.elapsed_seconds >= 0);
            CHECK(e.total_seconds >= e.elapsed_seconds);
            if (e.action != WriteAction::WritingData) continue;
            CHECK(e.sectors_done >= last_sectors);
            CHECK(e.sector_count == r->sectors);
            CHECK(e.start_lba == r->start_lba);
            CHECK(e.drive_buffer_bytes > 0); // READ BUFFER CAPACITY answered
            if (last_time >= 0) CHECK(e.elapsed_seconds - last_time <= 0.5 + 1e-9);
            last_time = e.elapsed_seconds;
            last_sectors = e.sectors_done;
        }
        CHECK(last_sectors == r->sectors);
    }
}

TEST_CASE("remaining time shrinks while writing and the estimate is reported") {
    BurnRig rig("blank bd-r");
    auto w = rig.writer();
    w.set_clock(command_clock(rig));
    std::vector<double> remaining;
    w.set_progress_handler([&](const WriteProgress& p) {
        if (p.action == WriteAction::WritingData && p.sectors_done > 0 && p.sectors_done < p.sector_count)
            remaining.push_back(p.remaining_seconds);
    });
    auto s = pattern_stream(40 * 1024 * 1024);
    REQUIRE(w.write(*s));
    REQUIRE(remaining.size() >= 3);
    CHECK(remaining.front() > remaining.back());
}
