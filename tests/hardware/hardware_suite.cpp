// hardware_suite read-only | write: the recorder against the drive SPINDLE_HW_DEVICE names.
//
//   SPINDLE_HW_DEVICE=/dev/srN   run the read-only part (nothing is written; the tray moves
//                                only with SPINDLE_HW_EJECT=1)
//   SPINDLE_HW_WRITE=1           also the write part: burn, verify and (RW) erase a blank or
//                                erasable disc
// Exit 0 passed, 1 failed, 77 skipped (with the reason on stdout).
#include "hardware_checks.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <string_view>

using namespace spindle;

namespace {

constexpr int skipped = 77;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? std::string{} : std::string(v);
}

int run(const std::string& device, const std::vector<hardware::Check>& checks) {
    recorder::OpenOptions options;
    options.clock = recorder::ClockKind::Virtual; // emu: names only: the disc is ready at once
    auto rec = recorder::DiscRecorder::open(device, options);
    if (!rec) {
        fmt::print("FAIL open {}: {}\n", device, rec.error().to_string());
        return 1;
    }
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
