// hardware_suite read-only | write: the recorder against the drive SPINDLE_HW_DEVICE names.
//
//   SPINDLE_HW_DEVICE=/dev/srN   run the read-only part (nothing is written; the tray moves
//                                only with SPINDLE_HW_EJECT=1)
//   SPINDLE_HW_WRITE=1           also the write part: burn, verify and (RW) erase a blank or
//                                erasable disc
// Exit 0 passed, 1 failed, 77 skipped (with the reason on stdout).
#include "hardware_checks.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <thread>

using namespace spindle;

namespace {

constexpr int skipped = 77;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? std::string{} : std::string(v);
}

// A disc just loaded says 2/04/xx (becoming ready) for a while: wait that out, up to a minute.
void wait_while_becoming_ready(recorder::DiscRecorder& rec) {
    const std::array<std::uint8_t, 6> tur{};
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
        auto o = rec.ex().send_command_no_data(tur, 10);
        if (!o || o->hr == recorder::hr::s_ok) return;
        const bool becoming_ready = (o->sense[2] & 0x0F) == 0x2 && o->sense[12] == 0x04;
        const bool attention = (o->sense[2] & 0x0F) == 0x6;
        if (!becoming_ready && !attention) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
}

int run(const std::string& device, const std::vector<hardware::Check>& checks) {
    recorder::OpenOptions options; // emu: names run in real time, as a device node does
    auto rec = recorder::DiscRecorder::open(device, options);
    if (!rec) {
        fmt::print("FAIL open {}: {}\n", device, rec.error().to_string());
        return 1;
    }
    wait_while_becoming_ready(**rec);
    int failures = 0;
    for (const auto& check : checks) {
        const auto reason = check.run(**rec, [&](const std::string& line) { fmt::print("  {}\n", line); });
        fmt::print("{} {}{}\n", reason.empty() ? "PASS" : "FAIL", check.name, reason.empty() ? "" : ": " + reason);
        failures += reason.empty() ? 0 : 1;
    }
    fmt::print("{} of {} checks passed on {}\n", checks.size() - static_cast<std::size_t>(failures), checks.size(),
               device);
    return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    const std::string_view part = argc > 1 ? argv[1] : "read-only";
    const auto device = env("SPINDLE_HW_DEVICE");
    if (device.empty()) {
        fmt::print("skipped: set SPINDLE_HW_DEVICE=/dev/srN to run the hardware suite against a drive\n");
        return skipped;
    }
    if (part == "write") {
        if (env("SPINDLE_HW_WRITE") != "1") {
            fmt::print("skipped: set SPINDLE_HW_WRITE=1 (with a blank or erasable disc in {}) to burn\n", device);
            return skipped;
        }
        fmt::print("skipped: the recorder's burn API is not built yet\n");
        return skipped;
    }
    auto checks = hardware::read_only_checks();
    if (env("SPINDLE_HW_EJECT") == "1") {
        auto more = hardware::eject_checks();
        checks.insert(checks.end(), more.begin(), more.end());
    }
    return run(device, checks);
}
