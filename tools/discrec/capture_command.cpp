#include "capture_command.hpp"

#include "exit_codes.hpp"

#include "bridge/capture/profile_capture.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

namespace spindle::discrec {

int capture_profile(recorder::DiscRecorder& rec, const std::string& device, const std::string& output) {
    recorder::capture::ProfileCapture capture;
    if (auto r = capture.observe(rec.ex()); !r) {
        fmt::print(stderr, "discrec: capture-profile {}: {}\n", device, r.error().to_string());
        return exit_code_for(r.error());
    }
    const auto yaml = recorder::capture::capture_yaml(capture, device);
    if (output == "-") {
        fmt::print("{}", yaml);
        return std::fflush(stdout) == 0 ? ExitCode::ok : ExitCode::failure;
    }
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << yaml;
    out.close();
    if (!out) {
        fmt::print(stderr, "discrec: cannot write {}\n", output);
        return ExitCode::failure;
    }
    fmt::print(stderr, "discrec: {}: profile of {} written\n", output, device);
    return ExitCode::ok;
}

} // namespace spindle::discrec
