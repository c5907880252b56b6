#include "tools/mmc-emu/attach_command.hpp"

#include "emulator/drive/drive.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/control_fs.hpp"
#include "emulator/targets/tcmu/lio_config.hpp"
#include "emulator/targets/tcmu/lio_iscsi.hpp"
#include "emulator/targets/tcmu/tcmu_server.hpp"
#include "tools/mmc-emu/cuse_attach.hpp"
#include "tools/mmc-emu/iscsi_options.hpp"
#include "tools/mmc-emu/run_drives.hpp"
#include "tools/mmc-emu/run_signals.hpp"
#include "tools/mmc-emu/vanished_drives.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>
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
    std::string faults; // a fault scenario every drive loads
    int drives = 1;
    double timeout_s = 30;
    std::optional<unsigned> command_timeout_s;
    std::string target = "tcmu";
    std::string control; // where to mount the control filesystem; empty: none
    std::string configfs = "/sys/kernel/config";
    std::string sysfs = "/sys";
    IscsiOptions iscsi;
};

void log_line(const std::string& s) { fmt::print(stderr, "mmc-emu: {}\n", s); }

// Takes `remove` to every LUN, those after the first side by side: each removal mostly waits
// on the kernel (the sr device going, RCU grace periods), and the waits of different drives
// overlap. The first drive's LUN goes last, as it made the fabric directories the others share
// and takes them away once they are empty.
void remove_each(std::vector<std::optional<tcmu::LioLun>>& luns, void (tcmu::LioLun::*remove)()) {
    std::atomic<std::size_t> next{1};
    {
        std::vector<std::jthread> workers(std::min<std::size_t>(luns.size() > 1 ? luns.size() - 1 : 0, 8));
        for (auto& w : workers)
            w = std::jthread([&] {
                for (std::size_t i; (i = next++) < luns.size();)
                    if (luns[i]) (*luns[i].*remove)();
            });
    }
    if (!luns.empty() && luns[0]) (*luns[0].*remove)();
}

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

DriveSetOptions drive_set(const AttachOptions& o) {
    return DriveSetOptions{o.profile, o.media, o.image, o.state_dir, o.faults, o.drives};
}

int attach_through_cuse(const AttachOptions& o) {
    return attach_cuse(CuseAttachOptions{drive_set(o), o.name, o.control, o.timeout_s});
}

int attach(const AttachOptions& o) {
    if (o.target != "tcmu" && o.iscsi.enabled) return fail("--iscsi needs --target tcmu");
    if (o.target == "cuse") return attach_through_cuse(o);
    if (o.target != "tcmu") return fail(fmt::format("--target '{}': expected tcmu or cuse", o.target));
    const std::string base = o.name.empty() ? fmt::format("{}{}", tcmu::name_prefix, ::getpid()) : o.name;
    auto iscsi_settings = cli::iscsi_settings(o.iscsi, base); // the CHAP file checked before anything is made
    if (!iscsi_settings) return fail(iscsi_settings.error());
    const bool local = !o.iscsi.no_local;
    const auto paths = lio_paths(o);
    if (auto ok = tcmu::check_lio(paths); !ok) return fail(ok.error());
    if (auto b = block_stop_signals(); !b) return fail(b.error());

    RealClock clock;
    auto drives = make_drives(drive_set(o), clock);
    if (!drives) return fail(drives.error());
    std::vector<std::optional<tcmu::LioLun>> luns(drives->size());
    std::vector<const tcmu::TcmuDevice*> devices(drives->size(), nullptr);
    std::unique_ptr<fusectl::ControlFs> control;
    std::optional<tcmu::IscsiTarget> iscsi;
    VanishedDrives vanished; // outlives the server, whose thread reports to it
    if (!vanished.valid()) return fail(fmt::format("eventfd: {}", std::strerror(errno)));
    // One thread serves every ring; it runs before any LUN exists, as the kernel scans a LUN
    // while it is being linked.
    tcmu::TcmuServer server(log_line);
    auto teardown = [&] {
        if (control) control->unmount();
        remove_each(luns, &tcmu::LioLun::remove_loopback); // the kernel may still talk to a drive meanwhile
        if (iscsi) iscsi->remove();                        // sessions end; their commands in flight are still answered
        server.stop();
        remove_each(luns, &tcmu::LioLun::remove_backstore);
    };
    if (auto s = server.start(); !s) return fail(s.error());
    if (*iscsi_settings) {
        auto t = tcmu::IscsiTarget::create(paths, std::move(**iscsi_settings));
        if (!t) return teardown(), fail(t.error());
        iscsi.emplace(std::move(*t));
    }

    std::vector<tcmu::ScsiDeviceNames> names;
    for (std::size_t i = 0; i < drives->size(); ++i) {
        ServedDrive& drive = *(*drives)[i];
        const std::uint64_t dev_size = drive.with([](Drive& d) {
            return d.state().medium ? std::uint64_t{d.state().medium->disc.capacity_blocks} * 2048 : 2048;
        });
        const std::string name = drives->size() == 1 ? base : fmt::format("{}-{}", base, i);
        auto lun = tcmu::LioLun::create_backstore(paths, name, dev_size, o.command_timeout_s);
        if (!lun) return teardown(), fail(lun.error());
        auto& l = luns[i].emplace(std::move(*lun));
        auto ring = tcmu::UioRing::open(l.name(), l.dev_config(), paths.sysfs);
        if (!ring) return teardown(), fail(ring.error());
        auto device = tcmu::TcmuDevice::open(drive, std::move(*ring), log_line, [&vanished, i] { vanished.report(i); });
        if (!device) return teardown(), fail(device.error());
        auto served = std::make_unique<tcmu::TcmuDevice>(std::move(*device));
        devices[i] = served.get();
        server.add(std::move(served));

        if (iscsi)
            if (auto a = iscsi->add_drive(i, l.backstore()); !a) return teardown(), fail(a.error());
        if (!local) {
            names.emplace_back();
            continue;
        }
        if (auto c = l.create_loopback(); !c) return teardown(), fail(c.error());
        const auto timeout = std::chrono::milliseconds(static_cast<long>(o.timeout_s * 1000));
        auto n = l.wait_for_devices(timeout, stop_requested);
        if (!n) return teardown(), fail(n.error());
        names.push_back(*n);
    }
    if (iscsi)
        if (auto e = iscsi->enable(); !e) return teardown(), fail(e.error());
    if (!o.control.empty()) {
        auto c = fusectl::ControlFs::mount(o.control, pointers(*drives));
        if (!c) return teardown(), fail(c.error());
        control = std::move(*c);
    }

    if (local)
        for (const auto& n : names) fmt::print("{}\n{}\n", n.block.string(), n.generic.string());
    if (iscsi) fmt::print("iscsi {} {}\n", iscsi->portal().text(), iscsi->iqn());
    std::fflush(stdout);
    // Serve until asked to stop. A drive that vanishes (a fault) loses its LUN and backstore as
    // a pulled device would; the others are served on. With none left and no control
    // filesystem to read, there is nothing more to do.
    std::size_t attached = drives->size();
    while (wait_for_stop_or(vanished.fd()) == 0) {
        for (const auto i : vanished.take()) {
            if (i >= luns.size() || !luns[i]) continue;
            luns[i]->remove_loopback(); // the kernel removes sr and sg; the ring answers meanwhile
            if (iscsi) iscsi->remove_drive(i);
            server.remove(devices[i]);
            luns[i]->remove_backstore();
            luns[i].reset();
            --attached;
            log_line(local ? fmt::format("{} vanished: {} and {} removed with their LUN and backstore",
                                         (*drives)[i]->name(), names[i].block.string(), names[i].generic.string())
                           : fmt::format("{} vanished: iSCSI LUN {} removed with its backstore", (*drives)[i]->name(),
                                         tcmu::IscsiTarget::drive_lun(i)));
        }
        if (attached == 0 && !control) break;
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
        "attach", "Expose an emulated drive as /dev/srN and /dev/sgN through LIO (TCMU + tcm_loop),\n"
                  "and with --iscsi as a LUN of an iSCSI target for other hosts.\n"
                  "Prints the two device paths once the kernel has bound them, serves until SIGINT or\n"
                  "SIGTERM, then removes everything it created. Needs root, configfs and the kernel\n"
                  "modules target_core_user and tcm_loop (tools/mmc-vm provides them in a VM).\n"
                  "A drive a fault makes vanish (vanish: true, condition device-gone) loses its LUN and\n"
                  "backstore as a pulled device would; the others are served on, and attach exits once\n"
                  "none is left unless --control is mounted.");
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
    cmd->add_option("--faults", o->faults, faults_option_help);
    cmd->add_option("--target", o->target,
                    "tcmu: /dev/srN and /dev/sgN through LIO; cuse: an sg character device /dev/NAME\n"
                    "through CUSE (only the cuse module needed; NAME from --name, default spindle-PID)")
        ->capture_default_str();
    cmd->add_option("--control", o->control, "Mount the control filesystem (tray, medium, faults, log ...) here");
    cmd->add_option("--timeout", o->timeout_s, "Seconds to wait for the kernel to bind the device")
        ->capture_default_str();
    cmd->add_option("--command-timeout", o->command_timeout_s,
                    "Seconds the kernel lets a command wait for the drive before failing it\n"
                    "(TCMU cmd_time_out; kernel default 30)");
    add_iscsi_options(*cmd, o->iscsi);
    cmd->add_option("--configfs", o->configfs, "configfs mount point")->capture_default_str()->group("");
    cmd->add_option("--sysfs", o->sysfs, "sysfs mount point")->capture_default_str()->group("");
    cmd->callback([o] { run(attach(*o)); });

    auto* det = app.add_subcommand(
        "detach", fmt::format("Remove the configfs entries (backstores named {}*, their tcm_loop LUNs and iSCSI\n"
                              "targets) that an attach left behind when it did not exit cleanly.",
                              tcmu::name_prefix));
    det->add_option("--configfs", o->configfs, "configfs mount point")->capture_default_str()->group("");
    det->callback([o] { run(detach(*o)); });
}

} // namespace spindle::cli
