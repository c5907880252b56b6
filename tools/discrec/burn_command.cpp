#include "burn_command.hpp"

#include "exit_codes.hpp"
#include "progress_display.hpp"

#include "recorder/data_writer.hpp"
#include "recorder/disc_eraser.hpp"
#include "scsi/mmc_profiles.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>

namespace spindle::discrec {
namespace {

using namespace spindle::recorder;

std::atomic<DataWriter*> active_writer{nullptr};

extern "C" void on_interrupt(int) {
    // CancelWrite only touches atomics: safe in a signal handler.
    if (DataWriter* w = active_writer.load()) w->cancel_write();
}

struct Options {
    std::string dev, image, speed, progress = "auto";
    bool close = false, verify = false, simulate = false, append = false, force = false, dao = false;
    bool full = false, no_bufe = false;
};

// An exit status travels as CLI::RuntimeError, as in mmc-emu's commands.
void finish(int status) {
    if (status != 0) throw CLI::RuntimeError(status);
}

int report(const Error& e, ProgressDisplay& display) {
    display.end_line();
    if (display.style() == ProgressStyle::Json)
        fmt::print("{}\n", nlohmann::json{{"event", "error"},
                                          {"hresult", fmt::format("0x{:08X}", e.hresult())},
                                          {"name", e.name()},
                                          {"message", e.to_string()}}
                               .dump());
    fmt::print(stderr, "discrec: {}\n", error_text(e));
    return exit_code_for(e);
}

// An option that does nothing for this burn is said so, not silently dropped: on stderr, and
// as an event on stdout for --progress=json.
void warn(ProgressDisplay& display, const std::string& message) {
    display.end_line();
    if (display.style() == ProgressStyle::Json)
        fmt::print("{}\n", nlohmann::json{{"event", "warning"}, {"message", message}}.dump());
    fmt::print(stderr, "discrec: warning: {}\n", message);
}

Result<std::unique_ptr<DiscRecorder>> open_device(const std::string& name) {
    OpenOptions o;
    o.clock = ClockKind::Virtual; // emu: a one-shot command has nothing to wait for
    return DiscRecorder::open(name, o);
}

// Erase and format wait on the drive: on an emulated drive its clock says how long it took.
// A virtual clock's time is the drive's own (a one-minute erase passes in milliseconds here),
// so what is reported on it is labelled as such and nothing from the wall clock is mixed in.
struct DriveClock {
    ProgressClock clock = system_progress_clock;
    std::string label; // empty: this machine's time
};

DriveClock drive_clock(DiscRecorder& rec) {
    ScsiTransport& transport = rec.transport();
    if (!transport.virtual_time()) return {};
    return {[&transport] { return transport.virtual_time().value_or(std::chrono::steady_clock::now()); },
            "emulated drive time"};
}

// --speed: "max" or a multiple of the medium's 1x (scsi/mmc_profiles.hpp: CD 176.4, DVD 1385,
// BD 4495 kB/s), in the sectors per second IMAPI2 speaks: 16x on DVD is 10820, as the drive's
// 22160 kB/s converts.
std::optional<std::int32_t> speed_in_sectors(const std::string& text, std::uint16_t profile) {
    if (text.empty() || text == "max") return -1;
    double x = 0;
    try {
        x = std::stod(text[text.size() - 1] == 'x' ? text.substr(0, text.size() - 1) : text);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const auto sectors = scsi::sectors_per_second_at(profile, x);
    if (!sectors) return std::nullopt;
    return static_cast<std::int32_t>(*sectors);
}

void describe(DiscRecorder& rec, const MediaProbe& p) {
    fmt::print(stderr, "drive:  {} {} {} ({})\n", rec.vendor_id(), rec.product_id(), rec.product_revision(),
               rec.active_disc_recorder());
    fmt::print(stderr, "medium: {}, {}, {} sectors free", profile_name(p.profile), media_state_text(p.media_state),
               p.free_blocks);
    if (p.previous_session_start)
        fmt::print(stderr, ", previous session {}-{}", *p.previous_session_start, p.previous_session_last.value_or(0));
    fmt::print(stderr, "\n");
}

int burn(const Options& o) {
    ProgressDisplay display(progress_style(o.progress));
    auto stream = open_file_stream(o.image);
    if (!stream) return report(stream.error(), display);
    auto rec = open_device(o.dev);
    if (!rec) return report(rec.error(), display);
    DataWriter writer(**rec);
    auto probe = writer.probe();
    if (!probe) return report(probe.error(), display);
    if (display.style() != ProgressStyle::Json) describe(**rec, *probe);
    if (o.dao && probe->medium != MediumClass::DvdMinus)
        warn(display, fmt::format("--dao applies to DVD-R and DVD-RW only; the {} is written as it always is",
                                  profile_name(probe->profile)));
    if (o.simulate && o.verify)
        warn(display, "--verify has nothing to read back after --simulate (the disc is not written): not verified");
    if ((probe->media_state & media_state::appendable) != 0 && !o.append && !o.force) {
        display.end_line();
        fmt::print(stderr, "discrec: the disc already holds {} session(s); --append adds one after them{}\n",
                   probe->sessions > 0 ? probe->sessions - 1 : 0,
                   probe->rewritable ? ", --force writes over them" : "");
        return ExitCode::failure;
    }
    writer.set_force_media_to_be_closed(o.close);
    writer.set_force_overwrite(o.force);
    writer.set_test_write(o.simulate);
    writer.set_verify(o.verify);
    writer.set_buffer_underrun_free_disabled(o.no_bufe);
    if (o.dao) writer.set_dvd_minus_method(DvdMinusMethod::DiscAtOnce);
    writer.set_client_name("discrec");
    if (!o.speed.empty()) {
        if (scsi::find_mmc_profile(probe->profile) == nullptr) {
            display.end_line();
            fmt::print(stderr, "discrec: --speed: no 1x speed is known for profile {:04X}h\n", probe->profile);
            return ExitCode::failure;
        }
        auto sectors = speed_in_sectors(o.speed, probe->profile);
        if (!sectors) {
            fmt::print(stderr, "discrec: --speed takes a multiple of 1x (e.g. 8 or 8x) or max, not '{}'\n", o.speed);
            return ExitCode::usage;
        }
        auto hr = writer.set_write_speed(*sectors, false);
        if (!hr) return report(hr.error(), display);
        auto now = writer.current_write_speed();
        if (display.style() != ProgressStyle::Json)
            fmt::print(stderr, "speed:  {} sectors/s{}\n", now ? *now : 0,
                       *hr == hr::s_ok ? "" : fmt::format(" ({})", hresult_name(*hr)));
    }
    writer.set_progress_handler([&](const WriteProgress& p) { display.write_progress(p); });
    active_writer = &writer;
    auto previous = std::signal(SIGINT, on_interrupt);
    auto result = writer.write(**stream);
    std::signal(SIGINT, previous);
    active_writer = nullptr;
    if (!result) return report(result.error(), display);
    display.end_line();
    const auto& r = *result;
    const double rate = r.write_seconds > 0 ? static_cast<double>(r.sectors) * 2048 / 1e6 / r.write_seconds : 0;
    if (display.style() == ProgressStyle::Json) {
        nlohmann::json j{{"event", "result"},
                         {"start_lba", r.start_lba},
                         {"sectors", r.sectors},
                         {"bytes", r.bytes},
                         {"simulated", r.simulated},
                         {"verified", r.verified},
                         {"write_seconds", r.write_seconds},
                         {"total_seconds", r.total_seconds}};
        if (r.checksum) j["checksum"] = fmt::format("{:016x}", *r.checksum);
        fmt::print("{}\n", j.dump());
    } else {
        fmt::print("{} {} sectors ({}) at LBA {} in {:.2f} s ({:.1f} MB/s){}\n", r.simulated ? "simulated" : "wrote",
                   r.sectors, format_bytes(r.bytes), r.start_lba, r.write_seconds, rate,
                   o.close ? ", disc closed" : "");
        if (r.verified)
            fmt::print("verified: read back {} sectors, checksum {:016x} matches\n", r.sectors, *r.checksum);
    }
    return ExitCode::ok;
}

int erase_or_format(const Options& o, bool format) {
    ProgressDisplay display(progress_style(o.progress));
    auto rec = open_device(o.dev);
    if (!rec) return report(rec.error(), display);
    DiscEraser eraser(**rec);
    eraser.set_full_erase(o.full);
    eraser.set_client_name("discrec");
    const auto clock = drive_clock(**rec);
    eraser.set_clock(clock.clock);
    display.set_drive_time_label(clock.label);
    const char* what = format ? "formatting" : "erasing";
    double seconds = 0;
    eraser.set_progress_handler([&](const EraseProgress& p) {
        seconds = p.elapsed_seconds;
        display.erase_progress(p, what);
    });
    auto r = format ? eraser.format_media() : eraser.erase_media();
    if (!r) return report(r.error(), display);
    display.end_line();
    if (display.style() == ProgressStyle::Json)
        fmt::print("{}\n", nlohmann::json{{"event", "result"},
                                          {"seconds", seconds},
                                          {"clock", clock.label.empty() ? "wall" : "emulated"}}
                               .dump());
    else
        fmt::print("{} in {}{}\n", format ? "formatted" : (o.full ? "erased (full)" : "erased (quick)"),
                   format_duration(seconds), clock.label.empty() ? "" : " of " + clock.label);
    return ExitCode::ok;
}

int load_eject(const std::string& dev, bool load) {
    ProgressDisplay display(ProgressStyle::None);
    auto rec = open_device(dev);
    if (!rec) return report(rec.error(), display);
    auto r = load ? (*rec)->close_tray() : (*rec)->eject_media();
    if (!r) return report(r.error(), display);
    return ExitCode::ok;
}

} // namespace

void add_burn_commands(CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto progress = [&](CLI::App* c) {
        c->add_option("--progress", o->progress, "auto (a bar on a terminal, else lines), bar, plain, json or none")
            ->check(CLI::IsMember({"auto", "bar", "plain", "json", "none"}));
    };
    auto* burn_cmd = app.add_subcommand("burn", "Write an image file (or - for stdin) to the disc (IDiscFormat2Data)");
    burn_cmd->add_option("DEV", o->dev, "Device")->required();
    burn_cmd->add_option("IMAGE", o->image, "Image file, or - for standard input")->required();
    burn_cmd->add_option("--speed", o->speed, "Write speed: a multiple of 1x (8, 8x) or max");
    burn_cmd->add_flag("--close", o->close, "Close the disc: no session can be added later (ForceMediaToBeClosed)");
    burn_cmd->add_flag("--verify", o->verify,
                       "Read everything back and compare checksums (with --simulate: nothing to verify, warned)");
    burn_cmd->add_flag("--simulate", o->simulate, "Test write: the drive goes through the motions (CD-R/RW, DVD-R/RW)");
    burn_cmd->add_flag("--append", o->append, "Add a session to a disc that already holds data");
    burn_cmd->add_flag("--force", o->force, "Write over a rewritable disc that holds data (ForceOverwrite)");
    burn_cmd->add_flag("--dao", o->dao,
                       "DVD-R/RW: disc-at-once (RESERVE TRACK) instead of incremental (other media: warned, ignored)");
    burn_cmd->add_flag("--no-underrun-protection", o->no_bufe, "BufferUnderrunFreeDisabled");
    progress(burn_cmd);
    burn_cmd->callback([o] { finish(burn(*o)); });

    auto* erase_cmd = app.add_subcommand("erase", "Erase a rewritable disc: CD-RW/DVD-RW BLANK, others FORMAT UNIT");
    erase_cmd->add_option("DEV", o->dev, "Device")->required();
    erase_cmd->add_flag("--full", o->full, "Full erase (BLANK type 0, full format) instead of quick");
    progress(erase_cmd);
    erase_cmd->callback([o] { finish(erase_or_format(*o, false)); });

    auto* format_cmd = app.add_subcommand("format", "Format DVD+RW, DVD-RAM, BD-RE or DVD-RW (FORMAT UNIT)");
    format_cmd->add_option("DEV", o->dev, "Device")->required();
    format_cmd->add_flag("--full", o->full, "Full format / certification instead of quick");
    progress(format_cmd);
    format_cmd->callback([o] { finish(erase_or_format(*o, true)); });

    auto* eject_cmd = app.add_subcommand("eject", "Open the tray (START STOP UNIT, LoEj)");
    eject_cmd->add_option("DEV", o->dev, "Device")->required();
    eject_cmd->callback([o] { finish(load_eject(o->dev, false)); });
    auto* load_cmd = app.add_subcommand("load", "Close the tray (START STOP UNIT, LoEj, Start)");
    load_cmd->add_option("DEV", o->dev, "Device")->required();
    load_cmd->callback([o] { finish(load_eject(o->dev, true)); });
}

} // namespace spindle::discrec
