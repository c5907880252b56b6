#include "tools/mmc-emu/control_command.hpp"

#include "tools/mmc-emu/control_client.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace spindle::cli {

namespace {

constexpr int refused = 1;
constexpr int usage_error = 2;

struct ControlArgs {
    std::string target;
    std::string drive;
    std::string file;
    std::vector<std::string> values;
};

int usage(std::string_view why) {
    fmt::print(stderr, "mmc-emu: control: {}\nusage: mmc-emu control TARGET DRIVE FILE [VALUE...] (--help for more)\n",
               why);
    return usage_error;
}

// VALUE words joined by spaces with a newline, as `echo` writes them; a lone '-' is stdin.
std::string body_of(const std::vector<std::string>& values) {
    if (values.size() == 1 && values.front() == "-") {
        std::ostringstream in;
        in << std::cin.rdbuf();
        return in.str();
    }
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : " ") + v;
    return out + "\n";
}

int control(const ControlArgs& a, const std::vector<std::string>& extras) {
    if (!extras.empty()) return usage(fmt::format("unexpected '{}'", extras.front()));
    if (a.target.empty() || a.drive.empty() || a.file.empty()) return usage("TARGET, DRIVE and FILE are required");
    std::string target = a.target;
    if (target == "-") {
        const char* env = std::getenv("SPINDLE_CONTROL");
        if (env == nullptr || *env == '\0') return usage("TARGET is '-' but SPINDLE_CONTROL is not set");
        target = env;
    }
    const auto fail = [&](const std::string& why) {
        fmt::print(stderr, "mmc-emu: {}/{}: {}\n", a.drive, a.file, why);
        return refused;
    };
    std::optional<std::string> body;
    if (!a.values.empty()) body = body_of(a.values);
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) return fail(fmt::format("{}: {}", target, std::strerror(errno)));
    std::expected<void, std::string> r;
    if (S_ISSOCK(st.st_mode))
        r = socket_request(target, a.drive, a.file, body, STDOUT_FILENO);
    else if (S_ISDIR(st.st_mode))
        r = directory_request(target, a.drive, a.file, body, STDOUT_FILENO);
    else
        return fail(fmt::format("{}: neither a control socket nor a control directory", target));
    return r ? 0 : fail(r.error());
}

} // namespace

void add_control_command(CLI::App& app) {
    auto a = std::make_shared<ControlArgs>();
    auto* cmd = app.add_subcommand(
        "control", "Read or write one control file of a running drive (mmc-emu run, attach or exec). TARGET is the\n"
                   "control filesystem's directory (--control DIR) or the control socket (--control-socket PATH);\n"
                   "'-' means the one named by the environment variable SPINDLE_CONTROL (mmc-emu exec sets it).\n"
                   "FILE is tray, medium, state, faults, log, log_pipe, disc.img, disc.cdda, stats, profile.yaml\n"
                   "or last_error.\n"
                   "Without VALUE: prints the file (disc.img and disc.cdda as binary; log_pipe follows the log\n"
                   "until interrupted). With VALUE words: writes them joined by spaces and a newline, as echo\n"
                   "does; a single '-' writes standard input instead (several fault rules at once).\n"
                   "Exit status: 0 done; 1 refused or unreachable (the reason on stderr, as\n"
                   "'mmc-emu: drive0/tray: REASON'); 2 a usage error.");
    cmd->footer(
        "Examples:\n"
        "  mmc-emu run --control-socket /tmp/emu.sock --media \"blank dvd+r\" &\n"
        "  mmc-emu control /tmp/emu.sock drive0 tray open\n"
        "  mmc-emu control /tmp/emu.sock drive0 state becoming-ready 3s\n"
        "  printf '%s\\n' '{command: READ(10), sense: 3/11/00}' | mmc-emu control /tmp/emu.sock drive0 faults -\n"
        "  SPINDLE_CONTROL=/tmp/emu.sock mmc-emu control - drive0 disc.img > disc.iso");
    cmd->add_option("TARGET", a->target, "Control directory or socket, or '-' for $SPINDLE_CONTROL");
    cmd->add_option("DRIVE", a->drive, "The drive: drive0, drive1, ...");
    cmd->add_option("FILE", a->file, "The control file");
    cmd->add_option("VALUE", a->values, "What to write ('-': standard input); none: read the file");
    // Usage errors are ours to report, with status 2, rather than CLI11's.
    cmd->allow_extras();
    cmd->callback([a, cmd] {
        if (const int status = control(*a, cmd->remaining()); status != 0) throw CLI::RuntimeError(status);
    });
}

} // namespace spindle::cli
