// Power cuts at every step (every Storage call) of burns, closes, blanks and formats on every
// kind of recordable medium, and EIO/ENOSPC injected at every write, sync and rename: after
// each, the power comes back, the disc loads, its layout is plausible and no older than the
// last one acknowledged, and every block, track, session and format the drive acknowledged as
// durable is there; no command answers GOOD over a failed call or after a loss. One line of
// figures at the end. Each step is cut once dropping all that was not synced and
// SPINDLE_POWER_LOSS_ROUNDS times (once by default) tearing it at random.
#include "power_loss/scenarios.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

using namespace spindle;
using namespace spindle::test;

namespace {

using Call = MemoryStorage::Call;
using CutMode = MemoryStorage::CutMode;

unsigned random_rounds() {
    const char* v = std::getenv("SPINDLE_POWER_LOSS_ROUNDS");
    return v != nullptr ? static_cast<unsigned>(std::strtoul(v, nullptr, 10)) : 1;
}

struct Figures {
    std::uint64_t cuts = 0, steps = 0, blocks_lost = 0, not_loaded = 0, errors = 0, good_after_loss = 0,
                  good_over_fault = 0, owed_blocks = 0;
    std::string per_medium;
};

// What a run leaves to check.
struct Run {
    std::vector<std::string> problems;
    FaultFigures faults;
};

// `s` burned on a copy of `start`; `arm` sets the cut or the fault once the drive is ready.
// Then the power goes (if it has not), comes back per `mode`, and the disc is checked.
template <typename Arm>
Run burn(const Scenario& s, const MemoryStorage& start, Arm arm, CutMode mode, std::uint64_t seed, Figures& f) {
    MemoryStorage storage = start;
    Owed owed;
    std::vector<Disc> layouts;
    Run run;
    {
        Burner b(storage);
        arm(storage);
        s.burn(b);
        storage.cut_power_at(0); // the drive and its disc go with the power: they save nothing more
        owed = b.owed;
        layouts = std::move(b.layouts);
        run.faults = b.faults;
    }
    std::mt19937_64 rng(seed);
    storage.power_on(mode, rng);
    unsigned lost = 0;
    run.problems = check_after_power_on(storage, owed, layouts, lost);
    f.blocks_lost += lost;
    f.owed_blocks += owed.blocks.size() + owed.audio.size();
    if (!run.problems.empty() && run.problems.front().starts_with("the disc does not load")) ++f.not_loaded;
    return run;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
}

// How many calls of each kind the script makes after the drive is ready.
struct Counts {
    std::uint64_t all = 0;
    std::array<std::uint64_t, 3> by_kind{};
};
Counts count_calls(const Scenario& s, const MemoryStorage& start) {
    MemoryStorage storage = start;
    Burner b(storage);
    const std::uint64_t before = storage.calls();
    std::array<std::uint64_t, 3> kinds{};
    for (auto c : {Call::Write, Call::Sync, Call::Rename}) kinds[static_cast<std::size_t>(c)] = storage.calls_of(c);
    s.burn(b);
    CHECK_MESSAGE(b.refusals.empty(), s.name << " without a cut: refused" << joined(b.refusals));
    Counts n{storage.calls() - before, {}};
    for (auto c : {Call::Write, Call::Sync, Call::Rename})
        n.by_kind[static_cast<std::size_t>(c)] = storage.calls_of(c) - kinds[static_cast<std::size_t>(c)];
    storage.cut_power_at(0);
    return n;
}

} // namespace

TEST_CASE("power cuts and I/O errors at every step of every medium lose nothing acknowledged") {
    const auto started = std::chrono::steady_clock::now();
    const unsigned rounds = random_rounds();
    Figures f;
    for (const Scenario& s : power_loss_scenarios()) {
        CAPTURE(s.name);
        const MemoryStorage start = starting_storage(s);
        const Counts n = count_calls(s, start);
        f.steps += n.all;
        std::uint64_t cuts = 0;
        // Cut at every call (and after the last).
        for (std::uint64_t step = 0; step <= n.all; ++step) {
            for (unsigned round = 0; round <= rounds; ++round, ++cuts) {
                CAPTURE(step);
                const CutMode mode = round == 0 ? CutMode::DropAll : CutMode::Random;
                const auto r = burn(
                    s, start, [&](MemoryStorage& st) { st.cut_power_at(step); }, mode, step * 1000 + round, f);
                CHECK_MESSAGE(r.problems.empty(),
                              s.name << ", power cut at call " << step << ":" << joined(r.problems));
            }
        }
        f.cuts += cuts;
        // The Nth write, sync or rename fails, with EIO or ENOSPC; then the power goes.
        std::uint64_t errors = 0;
        for (auto call : {Call::Write, Call::Sync, Call::Rename}) {
            for (unsigned nth = 1; nth <= n.by_kind[static_cast<std::size_t>(call)]; ++nth) {
                for (int error : {EIO, ENOSPC}) {
                    ++errors;
                    CAPTURE(nth);
                    const auto r = burn(
                        s, start,
                        [&](MemoryStorage& st) {
                            st.inject({call, nth, error});
                        },
                        CutMode::DropAll, nth, f);
                    f.good_after_loss += r.faults.good_after_loss;
                    f.good_over_fault += r.faults.good_over_fault;
                    CHECK_MESSAGE(r.problems.empty(), s.name << ", " << std::string(std::strerror(error)) << " at call "
                                                             << nth << " of its kind " << static_cast<int>(call) << ":"
                                                             << joined(r.problems));
                    CHECK_MESSAGE(r.faults.good_over_fault == 0, s.name << ": GOOD from the command whose call failed");
                    CHECK_MESSAGE(r.faults.good_after_loss == 0, s.name << ": GOOD after a lost sync/rename/save");
                }
            }
        }
        f.errors += errors;
        f.per_medium += fmt::format("{}{} {} steps", f.per_medium.empty() ? "" : ", ", s.name, n.all);
    }
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fmt::print("power loss: {} power cuts over {} steps ({}), {} acknowledged blocks lost (of {} checked), {} discs "
               "that did not load; {} I/O errors injected, {} GOOD answers after a loss, {} over a failed call; "
               "{:.1f} s\n",
               f.cuts, f.steps, f.per_medium, f.blocks_lost, f.owed_blocks, f.not_loaded, f.errors, f.good_after_loss,
               f.good_over_fault, seconds);
    CHECK(f.blocks_lost == 0);
    CHECK(f.not_loaded == 0);
}
