// Each action a fault rule has, and how often rules fire.
#include "faults/fault_fixture.hpp"

#include <fmt/format.h>

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

TEST_CASE("a sense action answers with the sense key, ASC, ASCQ, information and sense-key-specific bytes") {
    FaultDrive d;
    d.rule("{command: READ(10), sense: 3/0C/09, information: 0x12345678, sks: \"80 00 2A\"}");
    const auto r = d.read10(0);
    REQUIRE(r.completion.status == ScsiStatus::CheckCondition);
    const auto s = r.sense_bytes();
    CHECK(s[0] == 0xF0); // VALID, current fixed-format sense
    CHECK(s[2] == 0x03);
    CHECK(s[3] == 0x12);
    CHECK(s[6] == 0x78);
    CHECK(s[12] == 0x0C);
    CHECK(s[13] == 0x09);
    CHECK(s[15] == 0x80);
    CHECK(s[17] == 0x2A);
    CHECK(r.completion.data_in_length == 0);
}

TEST_CASE("every named condition with a sense answers with the sense of its table row") {
    for (const auto& c : faults::conditions()) {
        if (c.effect != faults::Effect::Sense) continue;
        CAPTURE(c.name);
        FaultDrive d;
        d.rule(fmt::format("{{command: MODE SENSE(10), condition: {}}}", c.name));
        const auto r = d.mode_sense(0x2A);
        REQUIRE(r.completion.status == ScsiStatus::CheckCondition);
        CHECK(r.completion.sense.key() == c.key);
        CHECK(r.completion.sense.asc() == c.code.asc);
        CHECK(r.completion.sense.ascq() == c.code.ascq);
        CHECK(((r.sense_bytes()[15] & 0x80) != 0) == (c.progress || !c.field.empty()));
    }
}

TEST_CASE("upside-down and speed-mismatch answer with the sense the profile's quirks choose") {
    FaultDrive plain;
    plain.rule("{command: MODE SENSE(10), condition: upside-down}");
    plain.rule("{command: READ(10), condition: speed-mismatch}");
    CHECK(sense_of(plain.mode_sense(0x2A)) == sense(0x2, 0x3A, 0x01));
    CHECK(sense_of(plain.read10(0)) == sense(0x2, 0x30, 0x11));
    auto yaml = std::string(default_profile_yaml()) + "\nquirks: {upside_down: 2/06/00, speed_mismatch: 2/30/00}\n";
    FaultDrive quirky(profile_from_yaml(yaml));
    quirky.rule("{command: MODE SENSE(10), condition: upside-down}");
    quirky.rule("{command: READ(10), condition: speed-mismatch}");
    CHECK(sense_of(quirky.mode_sense(0x2A)) == sense(0x2, 0x06, 0x00));
    CHECK(sense_of(quirky.read10(0)) == sense(0x2, 0x30, 0x00));
    quirky.t.drive.set_condition(MediumCondition::UpsideDown);
    CHECK(sense_of(quirky.tur()) == sense(0x2, 0x06, 0x00)); // the state uses the same quirk
}

TEST_CASE("a delay moves the answer later; the command itself runs") {
    FaultDrive d;
    d.rule("{command: READ(10), delay: 70s}");
    const auto now = d.t.clock.now();
    const auto r = d.read10(3);
    CHECK(r.good());
    CHECK(r.data.size() == 2048);
    CHECK(r.completion.busy_until >= now + 70s);
}

TEST_CASE("a hang never delivers; timeout is the named condition for it") {
    FaultDrive d;
    d.rule("{command: READ(10), hang: true}");
    d.rule("{command: TEST UNIT READY, condition: timeout}");
    CHECK(d.read10(0).completion.delivery == Delivery::Never);
    CHECK(d.tur().completion.delivery == Delivery::Never);
    CHECK(d.inquiry().completion.delivery == Delivery::Normal);
}

TEST_CASE("a becoming-ready state change lasts its time, then the drive reports the medium change") {
    FaultDrive d;
    d.rule("{command: INQUIRY, once: true, state: becoming-ready, for: 3s}");
    CHECK(d.inquiry().good());
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01));
    d.t.clock.advance(3s);
    CHECK(sense_of(d.tur()) == sense(0x6, 0x28, 0x00));
    CHECK(d.tur().good());
}

TEST_CASE("format in progress and long write report their progress as they go") {
    FaultDrive d;
    d.rule("{command: INQUIRY, once: true, state: format-in-progress, for: 4s}");
    d.inquiry();
    d.t.clock.advance(1s);
    auto r = d.tur();
    CHECK(sense_of(r) == sense(0x2, 0x04, 0x04).with_progress(0x4000));
    CHECK(r.sense_bytes()[15] == 0x80);
    CHECK(r.sense_bytes()[16] == 0x40); // 1/4 of 65536 = 0x4000
    d.t.clock.advance(3s);
    CHECK(d.tur().good());
}

TEST_CASE("no medium for a while: the disc is gone, then it loads again") {
    FaultDrive d;
    d.rule("{command: INQUIRY, once: true, state: no-medium, for: 2s}");
    d.inquiry();
    CHECK(sense_of(d.tur()) == sense(0x2, 0x3A, 0x01));
    CHECK_FALSE(d.t.drive.state().medium_present());
    d.t.clock.advance(2s);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01)); // loading
    d.t.clock.advance(10s);
    CHECK(sense_of(d.tur()) == sense(0x6, 0x28, 0x00));
    CHECK(d.tur().good());
}

TEST_CASE("the tray opens for a while and closes on the disc") {
    FaultDrive d;
    d.rule("{command: INQUIRY, once: true, state: tray-open, for: 1s}");
    d.inquiry();
    CHECK(sense_of(d.tur()) == sense(0x2, 0x3A, 0x02));
    d.t.clock.advance(1s);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01));
}

TEST_CASE("locked: another initiator's reservation refuses all but INQUIRY and REQUEST SENSE") {
    FaultDrive d;
    d.rule("{command: INQUIRY, once: true, state: locked, for: 5s}");
    d.inquiry();
    CHECK(d.tur().completion.status == ScsiStatus::ReservationConflict);
    CHECK(d.inquiry().good());
    CHECK(d.run(as_vector(scsi::cdb::request_sense(18)), 18).good());
    d.t.clock.advance(5s);
    CHECK(d.tur().good());
    d.rule("{command: TEST UNIT READY, condition: locked}");
    CHECK(d.tur().completion.status == ScsiStatus::ReservationConflict);
}

TEST_CASE("upside down and incompatible as states: the disc stays present, the drive cannot use it") {
    FaultDrive d;
    d.rule("{command: INQUIRY, once: true, state: upside-down, for: 2s}");
    d.inquiry();
    CHECK(sense_of(d.tur()) == sense(0x2, 0x3A, 0x01));
    CHECK(d.t.drive.state().medium_present());
    d.t.clock.advance(2s);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01)); // turned over and loaded again
    d.rule("{command: INQUIRY, state: incompatible-medium}");
    d.inquiry();
    CHECK(sense_of(d.tur()) == sense(0x6, 0x28, 0x00)); // the load ends: the drive did find a disc
    CHECK(sense_of(d.tur()) == sense(0x2, 0x30, 0x00));
}

TEST_CASE("corrupt flips a data-in byte; truncate and invalid-response shorten the answer") {
    FaultDrive d;
    const auto clean = d.inquiry();
    d.rule("{command: INQUIRY, once: true, corrupt: {byte: 8, xor: 0xFF}}");
    auto bad = d.inquiry();
    CHECK(bad.good());
    CHECK(bad.data[8] == (clean.data[8] ^ 0xFF));
    CHECK(bad.data[9] == clean.data[9]);
    d.rule("{command: INQUIRY, once: true, truncate: 5}");
    auto cut = d.inquiry();
    CHECK(cut.good());
    CHECK(cut.completion.data_in_length == 5);
    CHECK(cut.completion.residual == 31);
    d.rule("{command: INQUIRY, once: true, condition: invalid-response}");
    CHECK(d.inquiry().completion.data_in_length == 18);
}

TEST_CASE("vanish: the device is gone for this command and every later one") {
    FaultDrive d;
    d.rule("{command: READ(10), lba: 5, vanish: true}");
    CHECK(d.read10(4).good());
    CHECK(d.read10(5).completion.delivery == Delivery::DeviceGone);
    CHECK(d.inquiry().completion.delivery == Delivery::DeviceGone);
    CHECK(d.faults().device_gone());
}

TEST_CASE("once, times and permanent rules; hits are counted and listed; rules can be removed and cleared") {
    FaultDrive d;
    const auto once = d.rule("{command: TEST UNIT READY, once: true, sense: 2/04/01}");
    const auto twice = d.rule("{command: TEST UNIT READY, times: 2, sense: 2/04/07}");
    std::string seq;
    for (int i = 0; i < 5; ++i) seq += d.tur().sense() + " ";
    CHECK(seq == "2/04/01 2/04/07 2/04/07 GOOD GOOD ");
    CHECK(d.faults().rules()[0].hits == 1);
    CHECK(d.faults().rules()[1].hits == 2);
    CHECK(d.faults().list() == "#1 {command: TEST UNIT READY, sense: 2/04/01, once: true} hits=1 seen=1 (spent)\n"
                               "#2 {command: TEST UNIT READY, sense: 2/04/07, times: 2} hits=2 seen=3 (spent)\n");
    CHECK(d.faults().remove_rule(once));
    CHECK_FALSE(d.faults().remove_rule(once));
    CHECK(d.faults().rules().size() == 1);
    CHECK(d.faults().rules()[0].id == twice);
    d.faults().clear();
    CHECK(d.faults().rules().empty());
}

TEST_CASE("the first rule that answers wins; delays from other rules still apply") {
    FaultDrive d;
    d.rule("{command: TEST UNIT READY, delay: 1s}");
    d.rule("{command: TEST UNIT READY, sense: 2/04/01}");
    d.rule("{command: TEST UNIT READY, sense: 2/04/07}");
    const auto now = d.t.clock.now();
    const auto r = d.tur();
    CHECK(sense_of(r) == sense(0x2, 0x04, 0x01));
    CHECK(r.completion.busy_until == now + 1s);
    CHECK(d.faults().log().entries().back().rules == std::vector<std::uint32_t>{1, 2});
}

TEST_CASE("the command log keeps time, CDB, status, sense, byte counts and the rules that fired, in a bounded ring") {
    FaultDrive d;
    d.faults().log().clear();
    d.rule("{command: READ(10), nth: 2, sense: 3/11/00}");
    d.read10(1);
    d.t.clock.advance(1500ms);
    d.read10(2);
    const auto& log = d.faults().log().entries();
    REQUIRE(log.size() == 2);
    CHECK(log[0].status == ScsiStatus::Good);
    CHECK(log[0].data_in == 2048);
    CHECK(log[0].rules.empty());
    CHECK(log[1].time == log[0].time + 1500ms);
    CHECK(log[1].cdb_length == 10);
    CHECK(log[1].cdb[5] == 2);
    CHECK(log[1].sense_key == 3);
    CHECK(log[1].asc == 0x11);
    CHECK(log[1].rules == std::vector<std::uint32_t>{1});
    const auto line = faults::to_string(log[1]);
    CHECK(line.find("28 00 00 00 00 02 00 00 01 00 -> CHECK CONDITION 3/11/00 in=0 out=0 rules=1") !=
          std::string::npos);
    d.faults().log().set_capacity(3);
    for (int i = 0; i < 10; ++i) d.tur();
    CHECK(log.size() == 3);
    CHECK(log.back().sequence == d.faults().log().total());
}
