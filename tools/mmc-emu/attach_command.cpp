#include "tools/mmc-emu/attach_command.hpp"

#include "emulator/drive/drive.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/tcmu/lio_config.hpp"
#include "emulator/targets/tcmu/tcmu_server.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <unistd.h>
#include <vector>

namespace spindle::cli {

namespace {

namespace tcmu = spindle::tcmu;

struct AttachOptions {
    std::string profile; // file, or empty for the built-in profile
    std::string media;   // preset text; empty: no disc
    std::string image;   // where a writable medium keeps its data
    std::string name;    // backstore name; default spindle-<pid>
    std::string state_dir;
    int drives = 1;
    double timeout_s = 30;
    std::optional<unsigned> command_timeout_s;
    std::string configfs = "/sys/kernel/config";
    std::string sysfs = "/sys";
};

void log_line(const std::string& s) { fmt::print(stderr, "mmc-emu: {}\n", s); }

int fail(const std::string& s) {
    log_line(s);
    return 1;
}

tcmu::LioPaths lio_paths(const AttachOptions& o) {
    tcmu::LioPaths p;
    p.configfs = o.configfs;
    p.sysfs = o.sysfs;
    p.load_modules = o.configfs == "/sys/kernel/config";
    return p;
}

// SIGINT and SIGTERM are taken synchronously (sigwait) by the main thread; they are blocked
// before the serving thread starts, so it inherits the mask.
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

bool stop_requested() {
    sigset_t pending;
    if (sigpending(&pending) != 0) return false;
    return sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1;
}

// One emulated drive and the LIO objects in front of it.
struct AttachedDrive {
    std::unique_ptr<Drive> drive;
    std::optional<tcmu::LioLun> lun;
};

std::expected<std::unique_ptr<Medium>, std::string> make_disc(const AttachOptions& o, int index) {
    if (o.media.empty() || o.media == "none") return std::unique_ptr<Medium>{};
    // Several drives cannot share one writable image: each gets FILE.<index>.
    const std::string image = o.image.empty() || o.drives == 1 ? o.image : fmt::format("{}.{}", o.image, index);
    auto m = make_medium(o.media, image);
    if (!m) return std::unexpected(fmt::format("--media '{}': {}", o.media, m.error()));
    return std::move(*m);
}

int attach(const AttachOptions& o) {
    auto profile =
        o.profile.empty() ? std::expected<DriveProfile, ProfileError>(default_profile()) : load_profile_file(o.profile);
    if (!profile) return fail(profile.error().to_string());
    if (o.drives < 1 || o.drives > 64) return fail("--drives must be between 1 and 64");
    const auto paths = lio_paths(o);
    if (auto ok = tcmu::check_lio(paths); !ok) return fail(ok.error());

    const sigset_t signals = stop_signals();
    if (const int e = pthread_sigmask(SIG_BLOCK, &signals, nullptr); e != 0)
        return fail(fmt::format("cannot block signals: {}", std::strerror(e)));

    RealClock clock;
    std::vector<AttachedDrive> drives;
    // One thread serves every ring; it runs before any LUN exists, as the kernel scans a LUN
    // while it is being linked.
    tcmu::TcmuServer server(log_line);
    auto teardown = [&] {
        for (auto& d : drives) // the kernel may still talk to a drive while it lets go
            if (d.lun) d.lun->remove_loopback();
        server.stop();
        for (auto& d : drives)
            if (d.lun) d.lun->remove_backstore();
    };
    if (auto s = server.start(); !s) return fail(s.error());

    const std::string base = o.name.empty() ? fmt::format("{}{}", tcmu::name_prefix, ::getpid()) : o.name;
    std::vector<tcmu::ScsiDeviceNames> names;
    for (int i = 0; i < o.drives; ++i) {
        auto medium = make_disc(o, i);
        if (!medium) return teardown(), fail(medium.error());
        const std::uint64_t dev_size = *medium ? std::uint64_t{(*medium)->disc.capacity_blocks} * 2048 : 2048;
        auto& d = drives.emplace_back();
        d.drive = std::make_unique<Drive>(*profile, clock, DriveOptions{o.state_dir});
        if (*medium) d.drive->load(std::move(*medium));

        const std::string name = o.drives == 1 ? base : fmt::format("{}-{}", base, i);
        auto lun = tcmu::LioLun::create_backstore(paths, name, dev_size, o.command_timeout_s);
        if (!lun) return teardown(), fail(lun.error());
        d.lun.emplace(std::move(*lun));
        auto ring = tcmu::UioRing::open(d.lun->name(), d.lun->dev_config(), paths.sysfs);
        if (!ring) return teardown(), fail(ring.error());
        auto device = tcmu::TcmuDevice::open(*d.drive, std::move(*ring), log_line);
        if (!device) return teardown(), fail(device.error());
        server.add(std::make_unique<tcmu::TcmuDevice>(std::move(*device)));

        if (auto l = d.lun->create_loopback(); !l) return teardown(), fail(l.error());
        const auto timeout = std::chrono::milliseconds(static_cast<long>(o.timeout_s * 1000));
        auto n = d.lun->wait_for_devices(timeout, stop_requested);
        if (!n) return teardown(), fail(n.error());
        names.push_back(*n);
    }

    for (const auto& n : names) fmt::print("{}\n{}\n", n.block.string(), n.generic.string());
    std::fflush(stdout);

    int sig = 0;
    while (const int e = sigwait(&signals, &sig)) {
        if (e != EINTR) {
            log_line(fmt::format("sigwait: {}", std::strerror(e)));
            break;
        }
    }
    teardown();
    return 0;
}

int detach(const AttachOptions& o) {
    auto removed = tcmu::remove_stale(lio_paths(o));
    if (!removed) return fail(removed.error());
    for (const auto& r : *removed) fmt::print("removed {}\n", r);
    if (removed->empty()) fmt::print("nothing to remove\n");
    return 0;
}

void run(int status) {
    if (status != 0) throw CLI::RuntimeError(status);
}

} // namespace

void add_attach_commands(CLI::App& app) {
    auto o = std::make_shared<AttachOptions>();
    auto* cmd = app.add_subcommand(
        "attach", "Expose an emulated drive as /dev/srN and /dev/sgN through LIO (TCMU + tcm_loop).\n"
                  "Prints the two device paths once the kernel has bound them, serves until SIGINT or\n"
                  "SIGTERM, then removes everything it created. Needs root, configfs and the kernel\n"
                  "modules target_core_user and tcm_loop (tools/mmc-vm provides them in a VM).");
    cmd->add_option("--profile", o->profile, "Drive profile (YAML); default: the built-in profile");
    cmd->add_option("--media", o->media,
                    "The disc in the drive: a preset such as \"blank dvd+r\" or \"rom from FILE\"\n"
                    "(see emulator/media/presets.hpp); default: no disc");
    cmd->add_option("--image", o->image, "Where a writable disc keeps its data (default: a temporary file)");
    cmd->add_option(
        "--name", o->name,
        fmt::format("Backstore name, starting with {} (default: {}PID)", tcmu::name_prefix, tcmu::name_prefix));
    cmd->add_option("--drives", o->drives,
                    "How many drives (one process serves them all); each prints its two lines,\n"
                    "backstores are named NAME-0, NAME-1, ..., writable images FILE.0, FILE.1, ...")
        ->capture_default_str();
    cmd->add_option("--state-dir", o->state_dir, "Where the drive keeps saved mode pages");
    cmd->add_option("--timeout", o->timeout_s, "Seconds to wait for the kernel to bind the device")
        ->capture_default_str();
    cmd->add_option("--command-timeout", o->command_timeout_s,
                    "Seconds the kernel lets a command wait for the drive before failing it\n"
                    "(TCMU cmd_time_out; kernel default 30)");
    cmd->add_option("--configfs", o->configfs, "configfs mount point")->capture_default_str()->group("");
    cmd->add_option("--sysfs", o->sysfs, "sysfs mount point")->capture_default_str()->group("");
    cmd->callback([o] { run(attach(*o)); });

    auto* det = app.add_subcommand(
        "detach", fmt::format("Remove the configfs entries (backstores named {}*, their tcm_loop LUNs) that\n"
                              "an attach left behind when it did not exit cleanly.",
                              tcmu::name_prefix));
    det->add_option("--configfs", o->configfs, "configfs mount point")->capture_default_str()->group("");
    det->callback([o] { run(detach(*o)); });
}

} // namespace spindle::cli
