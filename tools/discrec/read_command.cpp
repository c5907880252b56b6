#include "read_command.hpp"

#include "exit_codes.hpp"

#include "bridge/disc_reading.hpp"

#include "tools/common/percent_lines.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>

namespace spindle::discrec {

int read_disc(recorder::DiscRecorder& rec, const std::string& device, const ReadOptions& o) {
    const std::filesystem::path out(o.output);
    if (!exported_name(out)) {
        fmt::print(stderr, "discrec: read: {}: the name must end in {} (its extension names the format written)\n",
                   o.output, export_extensions());
        return ExitCode::usage;
    }
    const auto started = std::chrono::steady_clock::now();
    auto progress = cli::PercentLines("reading", o.quiet);
    auto report = recorder::read_disc_image(rec.ex(), out, o.retries, progress);
    if (!report) {
        fmt::print(stderr, "discrec: read {}: {}\n", device, report.error().to_string());
        return exit_code_for(report.error());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (o.json) {
        nlohmann::json files = nlohmann::json::array();
        for (const auto& f : report->image.files) files.push_back(f.string());
        fmt::print("{}\n", nlohmann::json{{"image", o.output},
                                          {"files", files},
                                          {"tracks", report->tracks},
                                          {"bytes", report->image.bytes},
                                          {"seconds", seconds},
                                          {"unreadable", report->unreadable}}
                               .dump(2));
    } else {
        fmt::print("{}: {} track(s), {:.1f} MB in {:.2f} s\n", o.output, report->tracks,
                   static_cast<double>(report->image.bytes) / 1e6, seconds);
        if (!report->unreadable.empty())
            fmt::print("{} unreadable block(s), written as zeros, from LBA {}\n", report->unreadable.size(),
                       report->unreadable.front());
    }
    // A disc with unreadable blocks is read, but not whole: say so in the status too.
    return report->unreadable.empty() ? ExitCode::ok : ExitCode::failure;
}

} // namespace spindle::discrec
