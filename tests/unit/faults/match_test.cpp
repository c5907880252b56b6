// Each kind of match a fault rule has.
#include "faults/fault_fixture.hpp"

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

TEST_CASE("a rule matches a command by its name or by its opcode, and no other command") {
    FaultDrive d;
    d.rule("{command: TEST UNIT READY, sense: 4/44/00}");
    d.rule("{command: 0x12, sense: 5/20/00}");
    CHECK(sense_of(d.tur()) == sense(0x4, 0x44, 0x00));
    CHECK(sense_of(d.inquiry()) == sense(0x5, 0x20, 0x00));
    CHECK(d.read10(0).good());
}

TEST_CASE("an LBA range matches READ(10) commands whose blocks overlap it and names the first bad block") {
    FaultDrive d;
    d.rule("{command: READ(10), lba: [10, 19], sense: 3/11/00}");
    CHECK(d.read10(0, 10).good()); // blocks 0-9
    CHECK(d.read10(20, 4).good()); // 20-23
    auto r = d.read10(8, 4);       // 8-11 overlaps
    CHECK(sense_of(r) == sense(0x3, 0x11, 0x00).with_information(10));
    const auto s = r.sense_bytes();
    CHECK((s[0] & 0x80) != 0); // VALID: the information field holds the LBA
    CHECK(s[3] == 0);
    CHECK(s[6] == 10);
    CHECK(sense_of(d.read10(19)) == sense(0x3, 0x11, 0x00).with_information(19));
    CHECK(d.tur().good()); // TEST UNIT READY carries no LBA
}

TEST_CASE("an LBA range matches READ CD by LBA and READ CD MSF by its MSF span") {
    FaultDrive d;
    d.rule("{lba: 6, sense: 3/11/05}");
    // READ CD of user data: blocks 4-5, then 5-6.
    CHECK(d.run({0xBE, 0, 0, 0, 0, 4, 0, 0, 2, 0x10, 0, 0}, 8192).good());
    CHECK(sense_of(d.run({0xBE, 0, 0, 0, 0, 5, 0, 0, 2, 0x10, 0, 0}, 8192)) ==
          sense(0x3, 0x11, 0x05).with_information(6));
    // READ CD MSF 00:02:04 up to 00:02:06 is blocks 4-5; up to 00:02:07 takes in block 6.
    CHECK(d.run({0xB9, 0, 0, 0, 2, 4, 0, 2, 6, 0x10, 0, 0}, 8192).good());
    CHECK(sense_of(d.run({0xB9, 0, 0, 0, 2, 4, 0, 2, 7, 0x10, 0, 0}, 8192)) ==
          sense(0x3, 0x11, 0x05).with_information(6));
}

TEST_CASE("a CDB field match compares the masked byte") {
    FaultDrive d;
    d.rule("{command: MODE SENSE(10), cdb: [{byte: 2, mask: 0x3F, value: 0x2A}], condition: no-such-mode-page}");
    CHECK(sense_of(d.mode_sense(0x2A)) == scsi::sense::invalid_field_in_cdb(2, 5));
    CHECK(sense_of(d.mode_sense(0x80 | 0x2A)) == scsi::sense::invalid_field_in_cdb(2, 5)); // PC bits masked off
    CHECK(d.mode_sense(0x01).good());
}

TEST_CASE("nth fires once on the nth match; every fires on each nth; from fires from the nth on") {
    FaultDrive nth, every, from;
    nth.rule("{command: TEST UNIT READY, nth: 3, sense: 2/04/01}");
    every.rule("{command: TEST UNIT READY, every: 2, sense: 2/04/01}");
    from.rule("{command: TEST UNIT READY, from: 3, sense: 2/04/01}");
    std::string a, b, c;
    for (int i = 0; i < 6; ++i) {
        a += nth.tur().good() ? '.' : 'X';
        b += every.tur().good() ? '.' : 'X';
        c += from.tur().good() ? '.' : 'X';
    }
    CHECK(a == "..X...");
    CHECK(b == ".X.X.X");
    CHECK(c == "..XXXX");
    CHECK(nth.faults().rules()[0].seen == 6);
    CHECK(nth.faults().rules()[0].hits == 1);
}

TEST_CASE("a probability fires about that often, the same way for the same seed") {
    auto pattern = [](std::uint64_t seed) {
        FaultDrive d;
        d.faults().reseed(seed);
        d.rule("{command: TEST UNIT READY, probability: 0.25, sense: 2/04/01}");
        std::string p;
        for (int i = 0; i < 2000; ++i) p += d.tur().good() ? '.' : 'X';
        return p;
    };
    const auto a = pattern(7);
    const auto hits = std::ranges::count(a, 'X');
    CHECK(hits > 400);
    CHECK(hits < 600);
    CHECK(pattern(7) == a);
    CHECK(pattern(8) != a);
}

TEST_CASE("a time window on the drive's clock: after is inclusive, before exclusive") {
    FaultDrive d;
    const auto start = d.t.clock.now();
    d.faults().clear();
    auto rule = faults::parse_rule("{command: TEST UNIT READY, after: 2s, before: 3s, sense: 2/04/01}");
    REQUIRE(rule);
    rule->match.after = start + 2s; // relative to this test's start
    rule->match.before = start + 3s;
    d.faults().add_rule(*rule);
    CHECK(d.tur().good());
    d.t.clock.advance(2s);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01));
    d.t.clock.advance(999ms);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01));
    d.t.clock.advance(1ms);
    CHECK(d.tur().good());
}

TEST_CASE("the drive's state: a rule may ask for a medium present or absent, or a condition") {
    FaultDrive d;
    d.rule("{command: INQUIRY, medium: absent, sense: 4/44/00}");
    d.rule("{command: GET CONFIGURATION, medium_condition: long-write, sense: 4/44/01}");
    CHECK(d.inquiry().good());
    const auto gc = as_vector(scsi::cdb::get_configuration(scsi::cdb::rt::one, 0, 8));
    CHECK(d.run(gc, 8).good());
    d.t.drive.set_condition(MediumCondition::LongWrite, 5s);
    CHECK(sense_of(d.run(gc, 8)) == sense(0x4, 0x44, 0x01));
    d.t.drive.open_tray();
    CHECK(sense_of(d.inquiry()) == sense(0x4, 0x44, 0x00));
}
