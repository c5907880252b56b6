#include "tools/mmc-emu/exec_command.hpp"

#include "emulator/targets/exec/exec_devices.hpp"
#include "emulator/targets/fusectl/control_fs.hpp"
#include "emulator/targets/fusectl/control_socket.hpp"
#include "tools/mmc-emu/drive_options.hpp"
#include "tools/mmc-emu/exec_child.hpp"
#include "tools/mmc-emu/run_drives.hpp"
#include "tools/mmc-emu/trace_file.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace spindle::cli {

namespace {

namespace fs = std::filesystem;

struct ExecOptions {
    DriveSetOptions drives;
    std::string control;
    std::string trace; // a Chrome trace file to write; empty: none
    std::vector<std::string> command;
};

// umockdev's preload, by its soname (the loader finds it as it finds libraries).
constexpr const char* umockdev_preload = "libumockdev-preload.so.0";

int fail(const std::string& s) {
    fmt::print(stderr, "mmc-emu exec: {}\n", s);
    return 125; // as env(1) and timeout(1): exec itself failed, the command did not run
}

// Ours sits beside mmc-emu (in the build tree and the install's libexec directory), or where
// SPINDLE_EXEC_PRELOAD says.
std::expected<fs::path, std::string> our_preload() {
    if (const char* p = std::getenv("SPINDLE_EXEC_PRELOAD"); p != nullptr && *p != '\0') return fs::path(p);
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    for (const fs::path& candidate : {self.parent_path() / "libspindle-exec-preload.so",
                                      self.parent_path() / "../lib/spindle/libspindle-exec-preload.so"})
        if (fs::exists(candidate, ec)) return fs::weakly_canonical(candidate, ec);
    return std::unexpected("libspindle-exec-preload.so is neither beside mmc-emu nor in ../lib/spindle; set "
                           "SPINDLE_EXEC_PRELOAD to its path");
}

int exec(const ExecOptions& o) {
    auto program = find_preloadable(o.command.front());
    if (!program) return fail(program.error());
    auto preload = our_preload();
    if (!preload) return fail(preload.error());
    // SIGINT and SIGTERM are passed on to the program; SIGCHLD says it ended (wait_child).
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGINT, SIGTERM, SIGCHLD}) sigaddset(&signals, s);
    if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0) return fail("cannot block signals");

    RealClock clock;
    auto drives = make_drives(o.drives, clock);
    if (!drives) return fail(drives.error());
    std::unique_ptr<TraceFile> trace;
    if (!o.trace.empty()) {
        auto t = TraceFile::start(o.trace, pointers(*drives));
        if (!t) return fail(t.error());
        trace = std::move(*t);
    }
    auto devices = exec::ExecDevices::create(pointers(*drives));
    if (!devices) return fail(devices.error());
    const fs::path socket = (*devices)->root() / "control.sock";
    auto control_socket = fusectl::ControlSocket::listen(socket, pointers(*drives));
    if (!control_socket) return fail(control_socket.error());
    std::unique_ptr<fusectl::ControlFs> control_fs;
    if (!o.control.empty()) {
        auto c = fusectl::ControlFs::mount(o.control, pointers(*drives));
        if (!c)
            return fail(fmt::format("{} (without FUSE, steer the drives through $SPINDLE_CONTROL: mmc-emu control - "
                                    "drive0 tray open)",
                                    c.error()));
        control_fs = std::move(*c);
    }

    auto child =
        start_child(*program, o.command, {preload->string(), umockdev_preload}, {"SPINDLE_CONTROL=" + socket.string()});
    if (!child) return fail(child.error());
    const int status = wait_child(*child);
    if (control_fs) control_fs->unmount();
    if (trace) trace->finish();
    return status;
}

} // namespace

void add_exec_command(CLI::App& app) {
    auto o = std::make_shared<ExecOptions>();
    auto* cmd = app.add_subcommand(
        "exec", "Run COMMAND (and what it starts) with emulated drives it sees as real ones, with no root, no\n"
                "kernel module and no VM: /dev/srN, /dev/scdN and /dev/sgN, their sysfs and\n"
                "/proc/sys/dev/cdrom/info, SG_IO and the sr/sg/cdrom ioctls answered by the drive, reads of\n"
                "/dev/srN returning the disc (umockdev's preload and spindle's own). The drives are steered\n"
                "through the control socket in $SPINDLE_CONTROL (`mmc-emu control - drive0 tray open`), or\n"
                "the control filesystem with --control where FUSE works. Exits with COMMAND's status (128+N\n"
                "when signal N ended it; 125 when exec itself failed). Static, 32-bit and setuid programs\n"
                "cannot be reached (refused); mount needs the kernel (mmc-emu attach, tools/mmc-vm).\n"
                "Example: mmc-emu exec --media 'blank dvd+r' -- xorriso -outdev /dev/sr0 -map dir / -commit");
    add_drive_set_options(cmd, o->drives);
    cmd->add_option("--control", o->control, "Also mount the control filesystem at DIR (needs FUSE)");
    add_trace_option(cmd, o->trace);
    cmd->add_option("command", o->command, "The program and its arguments (after --)")->required();
    cmd->callback([o] { throw CLI::RuntimeError(exec(*o)); });
}

} // namespace spindle::cli
