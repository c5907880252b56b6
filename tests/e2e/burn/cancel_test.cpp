// CancelWrite mid-burn: E_IMAPI_REQUEST_CANCELLED, and the disc left consistent: after a
// reload its state is sensible and what was written before the cancel reads back.
#include "burn_rig.hpp"

#include <thread>

using namespace spindle::test;

TEST_CASE("cancel mid-burn leaves every medium consistent and what was synced readable") {
    for (const auto& preset : recordable_presets()) {
        CAPTURE(preset);
        BurnRig rig(preset);
        const auto bytes = image(8 * 1024 * 1024, 9);
        auto w = rig.writer();
        std::uint32_t written_when_cancelled = 0;
        w.set_progress_interval(std::chrono::milliseconds(0)); // an event after every WRITE
        w.set_progress_handler([&](const WriteProgress& p) {
            if (p.action == WriteAction::WritingData && p.sectors_done >= 1024 && written_when_cancelled == 0) {
                written_when_cancelled = p.sectors_done;
                CHECK(w.cancel_write() == hr::s_ok);
            }
        });
        auto s = memory_stream(bytes);
        auto r = w.write(*s);
        REQUIRE_FALSE(r);
        CHECK(hr_name(r.error()) == "E_IMAPI_REQUEST_CANCELLED");
        CHECK(written_when_cancelled > 0);
        CHECK_FALSE(w.write_in_progress());
        CHECK(w.cancel_write() == hr::df2data_write_not_in_progress);
        const std::size_t synced = std::size_t{written_when_cancelled} * 2048;
        rig.reload();
        const auto p = rig.probe();
        CHECK((p.media_state & media_state::unsupported_media) == 0);
        const std::vector<std::uint8_t> head(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(synced));
        CHECK(rig.read(0, synced) == head);
        if (p.medium != MediumClass::RandomAccess) {
            // The track and the session were closed: another session can follow.
            CHECK((p.media_state & media_state::appendable) != 0);
            CHECK(rig.burn(image(64 * 1024, 3)));
        }
    }
}

TEST_CASE("CancelWrite from another thread ends a burn in progress") {
    BurnRig rig("blank bd-r");
    auto w = rig.writer();
    std::atomic<bool> writing{false};
    w.set_progress_interval(std::chrono::milliseconds(0));
    w.set_progress_handler([&](const WriteProgress& p) {
        if (p.action == WriteAction::WritingData && p.sectors_done > 0) {
            writing = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(1)); // let the other thread in
        }
    });
    auto s = pattern_stream(std::uint64_t{2} * 1024 * 1024 * 1024);
    std::thread canceller([&] {
        while (!writing) std::this_thread::yield();
        while (w.cancel_write() != hr::s_ok) std::this_thread::yield();
    });
    auto r = w.write(*s);
    canceller.join();
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_REQUEST_CANCELLED");
    rig.reload();
    CHECK((rig.probe().media_state & media_state::appendable) != 0);
}
