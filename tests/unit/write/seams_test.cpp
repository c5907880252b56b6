// The seams other parts build on: every layout change is announced through
// Medium::on_layout_changed (persistence saves there), data-only writes are not; long
// operations with Immed report progress.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("Every layout change is announced once; random writes and test writes announce nothing") {
    Writer w("blank dvd+r");
    int changes = 0;
    w.t->drive.open_tray();
    auto m = w.t->drive.take_medium();
    m->on_layout_changed = [&](const Medium&) { ++changes; };
    w.load(std::move(m));
    REQUIRE(w.write(0, 16).good());
    CHECK(changes == 1);
    REQUIRE(w.close(1, 1).good());
    REQUIRE(w.close(2).good());
    CHECK(changes == 3);
    Writer rw("formatted bd-re");
    int rw_changes = 0;
    rw.t->drive.open_tray();
    auto mr = rw.t->drive.take_medium();
    mr->on_layout_changed = [&](const Medium&) { ++rw_changes; };
    rw.load(std::move(mr));
    REQUIRE(rw.write(0, 32).good());
    REQUIRE(rw.sync().good());
    CHECK(rw_changes == 0);
    Writer sim("blank cd-r");
    int sim_changes = 0;
    sim.t->drive.open_tray();
    auto ms = sim.t->drive.take_medium();
    ms->on_layout_changed = [&](const Medium&) { ++sim_changes; };
    sim.load(std::move(ms));
    REQUIRE(sim.set_write_mode(1, 0, true).good());
    REQUIRE(sim.write(0, 300).good());
    REQUIRE(sim.close(2).good());
    CHECK(sim_changes == 0);
}

TEST_CASE("CLOSE SESSION with Immed in real time: GOOD at once, then 2/04/07 with progress until the drive is done") {
    Writer w("blank dvd+r", TimingMode::RealTime);
    REQUIRE(w.write(0, 16).good());
    const auto r = w.close(2, 0, true);
    REQUIRE(r.good());
    CHECK(r.completion.busy_until == w.t->clock.now());
    CHECK(sense_of(w.test_unit_ready()) == sense(0x2, 0x04, 0x07).with_progress(0x0000));
    CHECK(sense_of(w.write(16, 16)) == sense(0x2, 0x04, 0x07).with_progress(0x0000));
    w.t->clock.advance(std::chrono::seconds(3)); // the buffer's drain, then 2 s of closing
    CHECK(w.test_unit_ready().sense() == "GOOD");
}

TEST_CASE("CLOSE TRACK and SESSION in fast mode: answered at once, done by the first TEST UNIT READY") {
    for (const std::string preset : {"blank dvd+r", "blank bd-r", "blank cd-r"}) {
        CAPTURE(preset);
        Writer w(preset);
        REQUIRE(w.write(0, 16).good());
        const auto r = w.close(1, 1); // without Immed: the answer is not held back
        REQUIRE(r.good());
        CHECK(r.completion.busy_until == w.t->clock.now());
        REQUIRE(w.close(2, 0, true).good()); // with Immed: ready at the first poll (the clock stands)
        CHECK(w.test_unit_ready().sense() == "GOOD");
    }
}

TEST_CASE("SEND OPC INFORMATION: DoOPC accepted on recordable media, refused on ROM") {
    Writer w("blank dvd+r");
    CHECK(w.run(as_vector(scsi::cdb::send_opc_information())).good());
    CHECK(sense_of(w.run(as_vector(scsi::cdb::send_opc_information(false, 3)), 0, bytes({0, 0, 0}))) ==
          sense(0x5, 0x1A, 0x00));
    Writer closed("closed dvd+r");
    closed.t->drive.open_tray();
    auto m = closed.t->drive.take_medium();
    m->disc.kind = MediaKind::DvdRom;
    closed.load(std::move(m));
    CHECK(sense_of(closed.run(as_vector(scsi::cdb::send_opc_information()))) == sense(0x5, 0x30, 0x05));
}
