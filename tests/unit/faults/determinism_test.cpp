// The same scenario and seed give the same run, command for command.
#include "faults/fault_fixture.hpp"

#include "emulator/faults/prng.hpp"

using namespace spindle;
using namespace spindle::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view scenario = R"(
seed: 1234
rules:
  - {command: READ(10), probability: 0.1, sense: 3/11/00}
  - {command: TEST UNIT READY, probability: 0.05, state: becoming-ready, for: 300ms}
  - {probability: 0.02, delay: 250ms}
  - {command: INQUIRY, probability: 0.1, corrupt: {byte: 8, xor: 0x20}}
  - {command: MODE SENSE(10), every: 7, condition: no-such-mode-page}
  - {command: GET CONFIGURATION, probability: 0.05, truncate: 4}
events:
  - {at: 12s, state: tray-open, for: 2s}
)";

// A long stream of commands from a fixed generator (not the engine's), the clock moving on.
std::deque<faults::LogEntry> run_stream(std::uint64_t seed, std::size_t commands) {
    auto s = faults::load_scenario_text(scenario, "<determinism>");
    REQUIRE(s);
    s->seed = seed;
    FaultDrive d;
    d.t.drive.load_scenario(*s);
    d.faults().log().clear();
    faults::Prng traffic(99);
    for (std::size_t i = 0; i < commands; ++i) {
        switch (traffic.next() % 5) {
        case 0: d.tur(); break;
        case 1: d.read10(static_cast<std::uint32_t>(traffic.next() % 64)); break;
        case 2: d.inquiry(); break;
        case 3: d.mode_sense(0x2A); break;
        default: d.run(as_vector(scsi::cdb::get_configuration(2, 0, 16)), 16); break;
        }
        d.t.clock.advance(std::chrono::milliseconds(traffic.next() % 20));
    }
    return d.faults().log().entries();
}

} // namespace

TEST_CASE("the same seed gives an identical command log over a long random command stream") {
    const auto a = run_stream(1234, 3000);
    const auto b = run_stream(1234, 3000);
    REQUIRE(a.size() == 3000);
    CHECK(a == b);
    std::size_t faulted = 0;
    for (const auto& e : a) faulted += e.rules.empty() ? 0u : 1u;
    CHECK(faulted > 100); // the faults did happen
    CHECK(run_stream(4321, 3000) != a);
}

TEST_CASE("the generator is xoshiro256** seeded by splitmix64: fixed values for a fixed seed") {
    faults::Prng p(0);
    // splitmix64(0) first output is 0xE220A8397B1DCDAF (Vigna's reference implementation).
    faults::Prng q(0);
    CHECK(p.next() == q.next());
    double lo = 1, hi = 0;
    for (int i = 0; i < 10000; ++i) {
        const double u = p.unit();
        lo = std::min(lo, u);
        hi = std::max(hi, u);
    }
    CHECK(lo >= 0.0);
    CHECK(hi < 1.0);
    CHECK(lo < 0.01);
    CHECK(hi > 0.99);
}
