// crash_safety: kills a drive process with SIGKILL at random points of burns, closes, blanks
// and formats, many times, restarting it each time on the same kept disc, and checks after
// every kill that the disc loads, its layout is one a real disc can be in, and every block the
// drive acknowledged and flushed is there (crash_model.hpp, restart_check.hpp). The disc type
// changes every few kills, through every recordable kind.
//
//   crash_safety [--iterations N] [--seed S] [--dir DIR] [--verbose] [--trace]
//     N: drive processes started (most are killed; default $SPINDLE_CRASH_ITERATIONS, else 300,
//        80 in a sanitizer build)
//     S: the seed of the kill points and workloads (default $SPINDLE_CRASH_SEED, else 1)
//     DIR: where the disc is kept (default: a fresh directory in /dev/shm, else $TMPDIR)
//     A violation names the iteration and child seed that show it; --trace prints every report.
//   crash_safety child IMAGE PRESET SEED FD    (internal: the process that is killed)
#include "crash/crash_model.hpp"
#include "crash/crash_protocol.hpp"
#include "crash/restart_check.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <poll.h>
#include <random>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace spindle::crash;

namespace {

// Small capacities fill the discs, so sessions close and discs finish within a short run.
const std::vector<std::string> presets = {
    "blank dvd+r capacity=6000",
    "blank cd-r capacity=30000",
    "blank dvd-r capacity=40000",
    "blank bd-r capacity=8000",
    "blank dvd+rw",
    "blank cd-rw capacity=30000",
    "blank bd-re",
    "blank dvd-rw capacity=40000",
    "blank dvd+r-dl capacity=6000",
};
constexpr int kills_per_disc = 12;

// A sanitizer build starts each process ten times slower: fewer of them there by default.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr long default_iterations = 80;
#else
constexpr long default_iterations = 300;
#endif

struct Options {
    long iterations = default_iterations;
    std::uint64_t seed = 1;
    std::string dir;
    bool verbose = false;
    bool trace = false; // every report line, and the layout after each restart
};

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != 0 ? std::strtoull(v, nullptr, 10) : fallback;
}

struct Child {
    pid_t pid = -1;
    int fd = -1;
};

Child spawn(const std::string& image, const std::string& preset, std::uint64_t seed) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error(std::strerror(errno));
    ::fcntl(p[0], F_SETPIPE_SZ, 1 << 20); // the child never waits on a full pipe
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::strerror(errno));
    if (pid == 0) {
        ::dup2(p[1], 3); // dup2 clears close-on-exec on the copy
        const std::string s = std::to_string(seed);
        ::execl("/proc/self/exe", "crash_safety", "child", image.c_str(), preset.c_str(), s.c_str(), "3", nullptr);
        ::_exit(127);
    }
    ::close(p[1]);
    return {pid, p[0]};
}

// Reads what is there (waiting at most `timeout_ms`), appending whole lines to `lines`.
// Returns false at end of file.
bool read_lines(int fd, std::string& partial, std::vector<std::string>& lines, int timeout_ms) {
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, timeout_ms) <= 0) return true;
    char buf[65536];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) return errno == EINTR;
    if (n == 0) return false;
    partial.append(buf, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = partial.find('\n')) != std::string::npos;) {
        lines.push_back(partial.substr(0, nl));
        partial.erase(0, nl + 1);
    }
    return true;
}

void remove_disc(const std::string& image) {
    for (const char* suffix : {"", ".json", ".json.tmp"}) ::unlink((image + suffix).c_str());
}

int run(const Options& o) {
    std::string dir = o.dir;
    if (dir.empty()) {
        // A killed process leaves its writes in the page cache, so what this test checks does
        // not depend on fsync reaching the device: tmpfs, when there is one, spares the wait.
        std::error_code ec;
        const auto base = ::access("/dev/shm", W_OK) == 0 ? std::filesystem::path("/dev/shm")
                                                          : std::filesystem::temp_directory_path(ec);
        std::string pattern = (base / "spindle-crash-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) return fmt::print(stderr, "mkdtemp failed\n"), 1;
        dir = pattern;
    }
    const std::string image = dir + "/disc.img";
    std::mt19937_64 rng(o.seed);
    CrashModel model;
    std::size_t preset_index = 0;
    int kills_on_disc = 0;
    long kills = 0, finished_discs = 0, violations = 0, child_failures = 0, lines_total = 0;
    std::map<char, long> kills_during;
    CheckFigures figures;
    const auto start = std::chrono::steady_clock::now();
    remove_disc(image);

    for (long it = 0; it < o.iterations; ++it) {
        if (kills_on_disc >= kills_per_disc) {
            remove_disc(image);
            model.reset();
            preset_index = (preset_index + 1) % presets.size();
            kills_on_disc = 0;
        }
        const std::string& preset = presets[preset_index];
        const std::uint64_t child_seed = (o.seed << 20) + static_cast<std::uint64_t>(it) + 1;
        // Most kills come after some commands; a few during the restart itself.
        const std::size_t kill_after = rng() % 8 == 0 ? 0 : 1 + rng() % 300;
        const auto delay = std::chrono::microseconds(rng() % 2000);

        model.restarted();
        Child child = spawn(image, preset, child_seed);
        std::string partial;
        std::vector<std::string> lines;
        bool open = true;
        std::size_t fed = 0;
        std::string parse_error;
        auto feed = [&] {
            for (; fed < lines.size(); ++fed)
                if (auto e = model.feed(lines[fed]); !e.empty() && parse_error.empty()) parse_error = e;
        };
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (open && lines.size() < kill_after && std::chrono::steady_clock::now() < give_up)
            open = read_lines(child.fd, partial, lines, 50);
        if (open) {
            std::this_thread::sleep_for(delay);
            ::kill(child.pid, SIGKILL);
        }
        while (read_lines(child.fd, partial, lines, 1000)) {
        }
        ::close(child.fd);
        int status = 0;
        ::waitpid(child.pid, &status, 0);
        feed();
        if (o.trace)
            for (const auto& l : lines) fmt::print("    {}\n", l);
        lines_total += static_cast<long>(lines.size());

        std::string outcome;
        const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (killed) {
            ++kills;
            ++kills_on_disc;
            const char op = model.in_flight().empty() ? (model.ready() ? '-' : 'R') : model.in_flight()[0];
            ++kills_during[op];
            outcome = "killed during " + (model.in_flight().empty()
                                              ? std::string(model.ready() ? "(between commands)" : "(restart)")
                                              : model.in_flight());
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            ++finished_discs;
            kills_on_disc = kills_per_disc; // a fresh disc next
            outcome = "disc finished";
        } else {
            ++child_failures;
            outcome = fmt::format("child failed (status {:#x})", status);
        }
        std::vector<std::string> found;
        if (!parse_error.empty()) found.push_back(parse_error);
        if (!killed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
            found.push_back("the drive process failed: " + outcome);
        for (auto& v : check_after_restart(image, model, figures)) found.push_back(std::move(v));
        if (o.verbose || !found.empty())
            fmt::print("iteration {} [{}] seed {}: {} lines, {}; {} blocks owed\n", it, preset, child_seed,
                       lines.size(), outcome, model.durable().size());
        for (const auto& v : found) fmt::print("  VIOLATION: {}\n", v);
        if ((o.trace || !found.empty()) && !figures.layout.empty()) fmt::print("  layout: {}\n", figures.layout);
        violations += static_cast<long>(found.size());
        model.restarted();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("crash_safety: seed {}, {} iterations in {:.1f} s: {} kills ({} during a restart, {} between "
               "commands (preparing the next), {} in WRITE, {} in SYNCHRONIZE CACHE, {} in CLOSE TRACK, {} in CLOSE "
               "SESSION, {} in "
               "RESERVE TRACK, {} in BLANK, {} in FORMAT UNIT, {} in a background format stop), {} discs finished, "
               "{} report lines, {} flushed blocks verified, {} violations, {} failed drive processes\n",
               o.seed, o.iterations, seconds, kills, kills_during['R'], kills_during['-'], kills_during['W'],
               kills_during['S'], kills_during['C'], kills_during['D'], kills_during['V'], kills_during['B'],
               kills_during['F'], kills_during['P'], finished_discs, lines_total, figures.blocks_checked, violations,
               child_failures);
    if (o.dir.empty()) std::filesystem::remove_all(dir);
    return violations == 0 && child_failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 6 && std::string(argv[1]) == "child")
        return run_child(argv[2], argv[3], std::strtoull(argv[4], nullptr, 10), std::atoi(argv[5]));
    Options o;
    o.iterations = static_cast<long>(env_number("SPINDLE_CRASH_ITERATIONS", default_iterations));
    o.seed = env_number("SPINDLE_CRASH_SEED", 1);
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                fmt::print(stderr, "crash_safety: {} needs a value\n", a);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--iterations") {
            o.iterations = std::stol(value());
        } else if (a == "--seed") {
            o.seed = std::stoull(value());
        } else if (a == "--dir") {
            o.dir = value();
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--trace") {
            o.verbose = o.trace = true;
        } else {
            fmt::print(
                stderr,
                "usage: crash_safety [--iterations N] [--seed S] [--dir DIR] [--verbose] [--trace]\n"
                "  Kills a drive process (SIGKILL) at random points of burns, closes, blanks and formats,\n"
                "  restarts it on the same disc, and checks what survived. N defaults to\n"
                "  $SPINDLE_CRASH_ITERATIONS or 300 (80 in a sanitizer build), S to $SPINDLE_CRASH_SEED or 1.\n");
            return 2;
        }
    }
    return run(o);
}
