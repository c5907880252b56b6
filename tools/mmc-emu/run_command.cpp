#include "tools/mmc-emu/run_command.hpp"

#include "emulator/targets/fusectl/control_fs.hpp"
#include "emulator/targets/fusectl/control_socket.hpp"
#include "tools/mmc-emu/drive_options.hpp"
#include "tools/mmc-emu/run_drives.hpp"
#include "tools/mmc-emu/run_signals.hpp"
#include "tools/mmc-emu/trace_file.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace spindle::cli {

namespace {

struct RunOptions {
    DriveSetOptions drives;
    std::string control;        // a directory to mount the control filesystem at
    std::string control_socket; // a path to serve the control socket at
    std::string trace;          // a Chrome trace file to write; empty: none
};

int fail(const std::string& s) {
    fmt::print(stderr, "mmc-emu: {}\n", s);
    return 1;
}

int run(const RunOptions& o) {
    if (auto b = block_stop_signals(); !b) return fail(b.error());
    RealClock clock;
    auto drives = make_drives(o.drives, clock);
    if (!drives) return fail(drives.error());
    std::unique_ptr<TraceFile> trace;
    if (!o.trace.empty()) {
        auto t = TraceFile::start(o.trace, pointers(*drives));
        if (!t) return fail(t.error());
        trace = std::move(*t);
    }
    // The socket first: should the mount then fail, the socket's destructor removes it again.
    std::unique_ptr<fusectl::ControlSocket> socket;
    if (!o.control_socket.empty()) {
        auto s = fusectl::ControlSocket::listen(o.control_socket, pointers(*drives));
        if (!s) return fail(s.error());
        socket = std::move(*s);
    }
    std::unique_ptr<fusectl::ControlFs> control;
    if (!o.control.empty()) {
        auto c = fusectl::ControlFs::mount(o.control, pointers(*drives));
        if (!c) return fail(c.error());
        control = std::move(*c);
        for (const auto& d : *drives) fmt::print("{}\n", (control->dir() / d->name()).string());
    }
    if (socket) fmt::print("{}\n", socket->path().string());
    std::fflush(stdout);
    wait_for_stop();
    if (control) control->unmount();
    socket.reset();
    if (trace) trace->finish();
    return 0;
}

} // namespace

void add_run_command(CLI::App& app) {
    auto o = std::make_shared<RunOptions>();
    auto* cmd = app.add_subcommand(
        "run", "Run emulated drives in this process, with no kernel device, steered through the control\n"
               "filesystem mounted at DIR (one directory per drive: tray, medium, state, faults, log,\n"
               "disc.img ...), through the control socket at PATH (the same files without FUSE; see\n"
               "mmc-emu control), or both. Prints each drive's directory, then the socket's path, serves\n"
               "until SIGINT or SIGTERM, then unmounts and removes the socket.");
    add_drive_set_options(cmd, o->drives);
    cmd->add_option("--control", o->control, "Where to mount the control filesystem (needs FUSE)");
    cmd->add_option("--control-socket", o->control_socket,
                    "Where to serve the control socket (mode 0600; a stale one there is replaced)");
    add_trace_option(cmd, o->trace);
    cmd->callback([o] {
        if (o->control.empty() && o->control_socket.empty())
            throw CLI::RequiredError("--control DIR or --control-socket PATH (or both)");
        if (const int status = run(*o); status != 0) throw CLI::RuntimeError(status);
    });
}

} // namespace spindle::cli
