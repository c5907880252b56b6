// hardware_suite read-only | write: the recorder against the drive SPINDLE_HW_DEVICE names.
//
//   SPINDLE_HW_DEVICE=/dev/srN   run the read-only part (nothing is written; the tray moves
//                                only with SPINDLE_HW_EJECT=1)
//   SPINDLE_HW_WRITE=1           the write part (`write`): burn, verify and (RW) erase a blank
//                                or erasable disc; what is on a rewritable disc is lost.
//                                SPINDLE_HW_WRITE_MIB sets how much is burned (default 16)
// Exit 0 passed, 1 failed, 77 skipped (with the reason on stdout).
#include "hardware_checks.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <memory>
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

int run_checks(recorder::DiscRecorder& rec, const std::string& device, const std::vector<hardware::Check>& checks) {
    int failures = 0;
    for (const auto& check : checks) {
        const auto reason = check.run(rec, [&](const std::string& line) { fmt::print("  {}\n", line); });
        fmt::print("{} {}{}\n", reason.empty() ? "PASS" : "FAIL", check.name, reason.empty() ? "" : ": " + reason);
        failures += reason.empty() ? 0 : 1;
    }
    fmt::print("{} of {} checks passed on {}\n", checks.size() - static_cast<std::size_t>(failures), checks.size(),
               device);
    return failures == 0 ? 0 : 1;
}

// Opens the drive and waits out a disc that is still loading; nullptr (after saying why) when
// it cannot be opened.
std::unique_ptr<recorder::DiscRecorder> open_drive(const std::string& device) {
    recorder::OpenOptions options; // emu: names run in real time, as a device node does
    auto rec = recorder::DiscRecorder::open(device, options);
    if (!rec) {
        fmt::print("FAIL open {}: {}\n", device, rec.error().to_string());
        return nullptr;
    }
    wait_while_becoming_ready(**rec);
    return std::move(*rec);
}

int run_write(const std::string& device) {
    hardware::WriteOptions options;
    if (const auto mib = env("SPINDLE_HW_WRITE_MIB"); !mib.empty()) {
        char* end = nullptr;
        const auto n = std::strtoull(mib.c_str(), &end, 10);
        if (*end != '\0' || n == 0 || n > 100'000) {
            fmt::print("FAIL SPINDLE_HW_WRITE_MIB='{}': expected a number of MiB, 1 to 100000\n", mib);
            return 1;
        }
        options.bytes = n * 1024 * 1024;
    }
    auto rec = open_drive(device);
    if (!rec) return 1;
    if (const auto why = hardware::write_precondition(*rec); !why.empty()) {
        fmt::print("skipped: {} ({}); the write part needs a blank or erasable disc\n", why, device);
        return skipped;
    }
    return run_checks(*rec, device, hardware::write_checks(options));
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
        return run_write(device);
    }
    auto checks = hardware::read_only_checks();
    if (env("SPINDLE_HW_EJECT") == "1") {
        auto more = hardware::eject_checks();
        checks.insert(checks.end(), more.begin(), more.end());
    }
    auto rec = open_drive(device);
    if (!rec) return 1;
    return run_checks(*rec, device, checks);
}
