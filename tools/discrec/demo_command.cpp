#include "demo_command.hpp"

#include "exit_codes.hpp"
#include "progress_display.hpp"

#include "bridge/emu_name.hpp"
#include "bridge/emulated_transport.hpp"
#include "recorder/data_writer.hpp"
#include "recorder/transport/traced_transport.hpp"
#include "scsi/opcode.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

namespace spindle::discrec {
namespace {

using namespace spindle::recorder;

struct DemoOptions {
    std::string media;
    std::uint64_t size_mib = 256;
    std::string progress = "auto";
};

// The commands of one burn in order, runs of the same command folded ("WRITE(10) x512").
// Progress polls (READ BUFFER CAPACITY) are counted apart so the sequence stays readable.
void print_sequence(std::FILE* out, const std::vector<TracedCommand>& trace) {
    std::vector<std::pair<std::uint8_t, std::size_t>> runs;
    std::size_t buffer_polls = 0;
    std::uint64_t written = 0;
    for (const auto& c : trace) {
        const std::uint8_t op = c.cdb.empty() ? 0 : c.cdb[0];
        if (op == static_cast<std::uint8_t>(scsi::Opcode::ReadBufferCapacity)) {
            ++buffer_polls;
            continue;
        }
        if (op == static_cast<std::uint8_t>(scsi::Opcode::Write10)) written += c.bytes;
        if (!runs.empty() && runs.back().first == op)
            ++runs.back().second;
        else
            runs.emplace_back(op, 1);
    }
    fmt::print(out, "\ncommands the recorder sent ({} in all):\n", trace.size());
    std::string line = " ";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        std::string item = command_name(runs[i].first);
        if (runs[i].second > 1) item += fmt::format(" x{}", runs[i].second);
        if (runs[i].first == static_cast<std::uint8_t>(scsi::Opcode::Write10))
            item += fmt::format(" ({} each)", format_bytes(written / runs[i].second));
        if (i + 1 < runs.size()) item += " ->";
        if (line.size() + item.size() + 1 > 96) {
            fmt::print(out, "{}\n", line);
            line = " ";
        }
        line += " " + item;
    }
    fmt::print(out, "{}\n", line);
    if (buffer_polls > 0) fmt::print(out, "  and READ BUFFER CAPACITY x{} for the progress display\n", buffer_polls);
}

// What the burn left, in words that fit the medium: a rewritable disc has no session to close.
std::string left_as(const MediaProbe& after) {
    if (after.medium == MediumClass::RandomAccess) return "written in place (a rewritable disc: no session to close)";
    if ((after.media_state & media_state::finalized) != 0) return "disc closed (finalized)";
    if ((after.media_state & media_state::appendable) != 0) return "session closed, disc left appendable";
    return media_state_text(after.media_state);
}

int report_failure(const Error& e) {
    fmt::print(stderr, "discrec demo: {}\n", error_text(e));
    return exit_code_for(e);
}

int run_demo(const DemoOptions& o) {
    ProgressDisplay display(progress_style(o.progress));
    // With --progress=json stdout carries JSON only (progress events, then the result); the
    // words for people go to stderr.
    const bool json = display.style() == ProgressStyle::Json;
    std::FILE* text = json ? stderr : stdout;
    EmulatorSpec spec;
    if (!o.media.empty()) spec.media = o.media;
    auto device = make_emulated_device(spec, ClockKind::Virtual);
    if (!device) return report_failure(device.error());
    auto emu = EmulatedTransport::open(*device);
    if (!emu) return report_failure(emu.error());
    auto traced = std::make_unique<TracedTransport>(std::move(*emu));
    TracedTransport* trace = traced.get();
    auto rec = DiscRecorder::attach(std::move(traced));
    if (!rec) return report_failure(rec.error());
    DataWriter writer(**rec);
    // The burn writes on the medium as probed here: its listing starts with that probe.
    trace->clear();
    auto probe = writer.probe();
    if (!probe) return report_failure(probe.error());
    const std::uint64_t size = o.size_mib * 1024 * 1024;
    fmt::print(text, "spindle demo: a virtual drive, a blank disc, a burn, a read-back\n\n");
    fmt::print(text,
               "drive    {} {} {}  (the default profile, emulated in this process: fast mode,\n"
               "         the drive takes data as fast as this machine can store it)\n",
               (*rec)->vendor_id(), (*rec)->product_id(), (*rec)->product_revision());
    fmt::print(text, "medium   {}, {}, {} sectors free ({})\n", profile_name(probe->profile),
               media_state_text(probe->media_state), probe->free_blocks,
               format_bytes(std::uint64_t{probe->free_blocks} * 2048));
    fmt::print(text, "image    {} generated ({} sectors of 2048 bytes)\n\n", format_bytes(size), size / 2048);
    std::fflush(text); // before the first progress line, whichever stream it goes to

    writer.set_verify(true);
    writer.set_client_name("discrec demo");
    writer.set_progress_handler([&](const WriteProgress& p) { display.write_progress(p); });
    auto stream = pattern_stream(size, 2026);
    auto result = writer.write(*stream);
    display.end_line();
    if (!result) return report_failure(result.error());
    const auto& r = *result;
    const auto after = writer.probe();
    const double rate = r.write_seconds > 0 ? static_cast<double>(r.sectors) * 2048 / 1e6 / r.write_seconds : 0.0;
    fmt::print(text, "\nwrote    {} sectors at LBA {} in {:.2f} s: {:.0f} MB/s{}\n", r.sectors, r.start_lba,
               r.write_seconds, rate, after ? ", " + left_as(*after) : "");
    fmt::print(text, "verified read back all {} sectors: their checksum {:016x} matches the one taken while writing\n",
               r.sectors, *r.checksum);
    print_sequence(text, trace->commands());
    if (after) {
        // Addresses only where the medium has them (sequential media; not a rewritable disc).
        std::string where;
        if (after->next_writable && after->medium != MediumClass::RandomAccess)
            where += fmt::format(", next writable address {}", *after->next_writable);
        if (after->previous_session_start)
            where += fmt::format(", previous session {}-{}", *after->previous_session_start,
                                 after->previous_session_last.value_or(0));
        fmt::print(text, "\ndisc now: {}, {}{}\n", profile_name(after->profile), media_state_text(after->media_state),
                   where);
    }
    fmt::print(text, "\nnext: discrec burn 'emu:?media=blank dvd+r' IMAGE --verify   (any preset, any image)\n");
    if (json) {
        nlohmann::json j{{"event", "result"},
                         {"start_lba", r.start_lba},
                         {"sectors", r.sectors},
                         {"bytes", r.bytes},
                         {"verified", r.verified},
                         {"checksum", fmt::format("{:016x}", *r.checksum)},
                         {"write_seconds", r.write_seconds},
                         {"total_seconds", r.total_seconds},
                         {"commands", trace->commands().size()}};
        if (after) j["medium_state"] = media_state_text(after->media_state);
        fmt::print("{}\n", j.dump());
    }
    return 0;
}

} // namespace

void add_demo_command(CLI::App& app) {
    auto o = std::make_shared<DemoOptions>();
    auto* demo = app.add_subcommand("demo", "The main job: burn a generated image to the default virtual drive's "
                                            "blank disc, with progress, then read it back and verify it");
    demo->add_option("--media", o->media, "the disc, as a media preset (default: the drive's blank write-once disc)");
    demo->add_option("--size", o->size_mib, "image size in MiB")->check(CLI::Range(1u, 20000u))->capture_default_str();
    demo->add_option("--progress", o->progress, "auto, bar, plain, json or none")
        ->check(CLI::IsMember({"auto", "bar", "plain", "json", "none"}));
    demo->callback([o] {
        if (const int status = run_demo(*o); status != 0) throw CLI::RuntimeError(status);
    });
}

} // namespace spindle::discrec
