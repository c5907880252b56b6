// Scenario files: what loads, and the located message for each kind of bad input.
#include "faults/fault_fixture.hpp"

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

TEST_CASE("a scenario loads its seed, rules and timed events") {
    auto s = faults::load_scenario_text(R"(
seed: 42
rules:
  - {command: WRITE(10), nth: 100, sense: 3/0C/09}
  - command: MODE SENSE(10)
    cdb: [{byte: 2, mask: 0x3F, value: 0x2A}]
    condition: no-such-mode-page
    times: 2
events:
  - {at: 2s, state: tray-open, for: 1500ms}
)",
                                        "s.yaml");
    REQUIRE_MESSAGE(s, (s ? "" : s.error().to_string()));
    CHECK(s->seed == 42);
    REQUIRE(s->rules.size() == 2);
    CHECK(s->rules[0].match.opcode == 0x2A);
    CHECK(s->rules[0].match.occurrence == faults::Occurrence::Nth);
    CHECK(s->rules[1].limit == 2);
    REQUIRE(s->events.size() == 1);
    CHECK(s->events[0].at == 2s);
    CHECK(s->events[0].duration == 1500ms);
}

TEST_CASE("a rule's text is one line of scenario syntax: parsing it gives the same rule") {
    for (std::string_view line : {
             "{command: READ(10), lba: [100, 199], sense: 3/11/00}",
             "{command: MODE SENSE(10), cdb: [{byte: 2, mask: 0x3F, value: 0x2A}], condition: no-such-mode-page, "
             "times: 2}",
             "{command: 0xC5, every: 3, probability: 0.125, after: 2s, before: 1min, hang: true}",
             "{medium: present, medium_condition: ready, state: long-write, for: 90s, once: true}",
             "{command: INQUIRY, corrupt: {byte: 8, xor: 0x20}}",
             "{command: READ CAPACITY, from: 4, truncate: 4}",
             "{sense: 4/44/00, information: 7, sks: \"80 00 02\"}",
             "{command: WRITE(10), underrun: true}",
             "{command: CLOSE TRACK/SESSION, vanish: true}",
             "{command: READ(12), delay: 250us}",
         }) {
        CAPTURE(line);
        auto r = faults::parse_rule(line);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
        CHECK(faults::rule_text(*r) == line);
    }
}

TEST_CASE("the deprecated names no-media and incompatible-media still load and print as the medium words") {
    for (const auto& [old_text, new_text] : {
             std::pair{"{command: INQUIRY, condition: no-media}", "{command: INQUIRY, condition: no-medium}"},
             std::pair{"{command: INQUIRY, condition: incompatible-media}",
                       "{command: INQUIRY, condition: incompatible-medium}"},
             std::pair{"{state: incompatible-media, for: 2s}", "{state: incompatible-medium, for: 2s}"},
             std::pair{"{medium_condition: incompatible-media, sense: 3/11/00}",
                       "{medium_condition: incompatible-medium, sense: 3/11/00}"},
         }) {
        CAPTURE(old_text);
        auto r = faults::parse_rule(old_text);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
        CHECK(faults::rule_text(*r) == new_text);
    }
}

TEST_CASE("scenario events change the drive's state at their time on the drive's clock") {
    FaultDrive d;
    auto s = faults::load_scenario_text("events: [{at: 15s, state: no-medium, for: 1s}]", "<t>");
    REQUIRE(s);
    d.t.drive.load_scenario(*s);
    CHECK(d.tur().good()); // the clock is at 10 s
    d.t.clock.advance(5s);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x3A, 0x01));
    d.t.clock.advance(1s);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01));
}

TEST_CASE("a drive may start with a scenario, before its first command") {
    auto s = faults::load_scenario_text("rules: [{command: INQUIRY, sense: 4/44/00}]", "<t>");
    REQUIRE(s);
    VirtualClock clock;
    Drive drive(default_profile(), clock);
    drive.load_scenario(*s);
    std::vector<std::uint8_t> in(36);
    const std::vector<std::uint8_t> cdb{0x12, 0, 0, 0, 36, 0};
    CHECK(sense_of(drive.execute(Command{cdb, {}, in})) == sense(0x4, 0x44, 0x00));
}

TEST_CASE("a bad scenario is refused with file, line, column, field path and what was expected") {
    struct Case {
        std::string_view yaml;
        std::string_view message;
    };
    const Case cases[] = {
        {"rules: [{command: READ(10), sense: 3/0C/09", "bad.yaml:1:1: YAML syntax error: end of map flow not found"},
        {"- 1\n", "bad.yaml:1:1: expected a map, got a list"},
        {"seed: 1\nrulez: []\n", "bad.yaml:2:1: rulez: unknown key; expected one of: seed, rules, events"},
        {"seed: -3\n",
         "bad.yaml:1:7: seed: expected a number in 0..18446744073709551615 (0xFFFFFFFFFFFFFFFF), got '-3'"},
        {"rules: {command: READ(10)}\n", "bad.yaml:1:8: rules: expected a list, got a map"},
        {"rules:\n  - {command: READ(10)}\n",
         "bad.yaml:2:5: rules[0]: missing an action; expected one of: sense, condition, delay, hang, state, corrupt, "
         "truncate, vanish, underrun"},
        {"rules:\n  - {command: READ(10), sense: 3/0C/09, hang: true}\n",
         "bad.yaml:2:47: rules[0].hang: expected one action; `sense` is already given"},
        {"rules:\n  - {command: REED(10), hang: true}\n",
         "bad.yaml:2:15: rules[0].command: expected a command name such as READ(10) or an opcode such as 0x28, got "
         "'REED(10)'"},
        {"rules:\n  - {command: READ(10), sense: 3/0C}\n",
         "bad.yaml:2:32: rules[0].sense: expected a sense key/ASC/ASCQ in hex, such as 3/0C/09, got '3/0C'"},
        {"rules:\n  - {condition: upside-up}\n",
         "bad.yaml:2:17: rules[0].condition: expected one of: no-medium, tray-open, becoming-ready, "
         "format-in-progress, "
         "busy, long-write, upside-down, incompatible-medium, speed-mismatch, write-protected, not-formatted, "
         "loss-of-streaming, no-such-mode-page, dvd-structure-not-present, invalid-response, timeout, device-gone, "
         "locked, got 'upside-up'"},
        {"rules:\n  - {delay: 5 parsecs}\n",
         "bad.yaml:2:13: rules[0].delay: expected a duration such as 500ms, 2s or 1min (units ns, us, ms, s, min), at "
         "most 1440min, got '5 parsecs'"},
        {"rules:\n  - {delay: 9223372036854775807ns}\n",
         "bad.yaml:2:13: rules[0].delay: expected a duration such as 500ms, 2s or 1min (units ns, us, ms, s, min), at "
         "most 1440min, got '9223372036854775807ns'"},
        {"events:\n  - {at: 1441min, state: tray-open}\n",
         "bad.yaml:2:10: events[0].at: expected a duration such as 500ms, 2s or 1min (units ns, us, ms, s, min), at "
         "most 1440min, got '1441min'"},
        {"events:\n  - {at: 1s, state: tray-open, for: 99999999999s}\n",
         "bad.yaml:2:37: events[0].for: expected a duration such as 500ms, 2s or 1min (units ns, us, ms, s, min), at "
         "most 1440min, got '99999999999s'"},
        {"rules:\n  - {probability: 1.5, hang: true}\n",
         "bad.yaml:2:19: rules[0].probability: expected a probability from 0 to 1, such as 0.25, got '1.5'"},
        {"rules:\n  - {nth: 2, every: 3, hang: true}\n",
         "bad.yaml:2:21: rules[0].every: expected only one of nth, every, from"},
        {"rules:\n  - {nth: 0, hang: true}\n",
         "bad.yaml:2:11: rules[0].nth: expected a number in 1..4294967295 (0xFFFFFFFF), got 0"},
        {"rules:\n  - {lba: [9, 3], hang: true}\n", "bad.yaml:2:11: rules[0].lba: expected first <= last"},
        {"rules:\n  - {cdb: [{byte: 16, value: 1}], hang: true}\n",
         "bad.yaml:2:19: rules[0].cdb[0].byte: expected a number in 0..15, got 16"},
        {"rules:\n  - {hang: true, for: 2s}\n", "bad.yaml:2:23: rules[0].for: only with `state`"},
        {"rules:\n  - {state: sideways}\n",
         "bad.yaml:2:13: rules[0].state: expected one of: becoming-ready, format-in-progress, long-write, busy, "
         "upside-down, incompatible-medium, no-medium, tray-open, locked, got 'sideways'"},
        {"rules:\n  - {hang: false}\n", "bad.yaml:2:12: rules[0].hang: expected true (leave the key out for false)"},
        {"rules:\n  - {hang: true, once: true, times: 3}\n",
         "bad.yaml:2:37: rules[0].times: expected `once` or `times`, not both"},
        {"rules:\n  - {hang: true, colour: red}\n",
         "bad.yaml:2:18: rules[0].colour: unknown key; expected one of: command, lba, cdb, nth, every, from, "
         "probability, "
         "after, before, medium, medium_condition, sense, information, sks, condition, delay, hang, state, for, "
         "corrupt, truncate, vanish, underrun, once, times"},
        {"events:\n  - {state: tray-open}\n",
         "bad.yaml:2:5: events[0].at: missing; expected a time on the drive's clock, such as 2s"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.yaml);
        auto s = faults::load_scenario_text(c.yaml, "bad.yaml");
        REQUIRE_FALSE(s);
        CHECK(s.error().to_string() == c.message);
    }
}

TEST_CASE("a missing scenario file is named with the reason") {
    auto s = faults::load_scenario_file("/nonexistent/faults.yaml");
    REQUIRE_FALSE(s);
    CHECK(s.error().to_string() == "/nonexistent/faults.yaml: cannot open: No such file or directory");
}

TEST_CASE("live control: a rule added as one line of text; a bad line is a located error") {
    FaultDrive d;
    auto bad = d.faults().add_rule("{command: TEST UNIT READY, sense: 9/99}");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().to_string() ==
          "<rule>:1:35: sense: expected a sense key/ASC/ASCQ in hex, such as 3/0C/09, got '9/99'");
    auto good = d.faults().add_rule("{command: TEST UNIT READY, sense: 2/04/01}");
    REQUIRE(good);
    CHECK(sense_of(d.tur()) == sense(0x2, 0x04, 0x01));
}
