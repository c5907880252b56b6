#include "tools/mmc-emu/exec_child.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <elf.h>
#include <fstream>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace spindle::cli {

namespace fs = std::filesystem;

namespace {

std::expected<fs::path, std::string> search_path(const std::string& name) {
    if (name.find('/') != std::string::npos) return fs::path(name);
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const fs::path candidate = fs::path(end > start ? dirs.substr(start, end - start) : ".") / name;
        if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
        start = end + 1;
    }
    return std::unexpected(fmt::format("{}: command not found", name));
}

// An ELF executable without a program interpreter (PT_INTERP) is static.
bool is_static_elf(const fs::path& program) {
    std::ifstream in(program, std::ios::binary);
    Elf64_Ehdr eh{};
    if (!in.read(reinterpret_cast<char*>(&eh), sizeof eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
        return false;
    if (eh.e_ident[EI_CLASS] != ELFCLASS64) return false; // a 32-bit program: no 64-bit preload either
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph{};
        in.seekg(static_cast<std::streamoff>(eh.e_phoff + i * std::uint64_t{eh.e_phentsize}));
        if (!in.read(reinterpret_cast<char*>(&ph), sizeof ph)) return false;
        if (ph.p_type == PT_INTERP) return false;
    }
    return true;
}

bool is_32bit_elf(const fs::path& program) {
    std::ifstream in(program, std::ios::binary);
    unsigned char ident[EI_NIDENT]{};
    return in.read(reinterpret_cast<char*>(ident), sizeof ident) && std::memcmp(ident, ELFMAG, SELFMAG) == 0 &&
           ident[EI_CLASS] == ELFCLASS32;
}

} // namespace

std::expected<fs::path, std::string> find_preloadable(const std::string& name) {
    auto program = search_path(name);
    if (!program) return program;
    struct stat st {};
    if (::stat(program->c_str(), &st) != 0) return std::unexpected(fmt::format("{}: {}", name, std::strerror(errno)));
    if ((st.st_mode & (S_ISUID | S_ISGID)) != 0)
        return std::unexpected(fmt::format("{} is setuid or setgid: the dynamic loader ignores LD_PRELOAD for it, so "
                                           "it cannot see emulated drives (use `mmc-emu attach` or tools/mmc-vm)",
                                           program->string()));
    if (is_32bit_elf(*program))
        return std::unexpected(fmt::format("{} is a 32-bit program: the preloads are 64-bit (use `mmc-emu attach "
                                           "--target cuse` or tools/mmc-vm)",
                                           program->string()));
    if (is_static_elf(*program))
        return std::unexpected(fmt::format("{} is statically linked: nothing can be preloaded into it, so it cannot "
                                           "see emulated drives (use `mmc-emu attach` or tools/mmc-vm)",
                                           program->string()));
    return program;
}

std::expected<pid_t, std::string> start_child(const fs::path& program, const std::vector<std::string>& argv,
                                              const std::vector<std::string>& preloads,
                                              const std::vector<std::string>& env) {
    std::string preload;
    for (const auto& p : preloads) preload += (preload.empty() ? "" : ":") + p;
    if (const char* inherited = std::getenv("LD_PRELOAD"); inherited != nullptr && *inherited != '\0')
        preload += std::string(":") + inherited;
    std::vector<std::string> environment;
    for (char** e = environ; *e != nullptr; ++e)
        if (std::strncmp(*e, "LD_PRELOAD=", 11) != 0) environment.emplace_back(*e);
    environment.push_back("LD_PRELOAD=" + preload);
    environment.insert(environment.end(), env.begin(), env.end());

    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    // The child starts with the signal mask exec had before blocking SIGINT and SIGTERM.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    pid_t pid = 0;
    const int error = posix_spawn(&pid, program.c_str(), nullptr, &attr, args.data(), envp.data());
    posix_spawnattr_destroy(&attr);
    if (error != 0) return std::unexpected(fmt::format("cannot run {}: {}", program.string(), std::strerror(error)));
    return pid;
}

int wait_child(pid_t child) {
    sigset_t wake;
    sigemptyset(&wake);
    sigaddset(&wake, SIGINT);
    sigaddset(&wake, SIGTERM);
    sigaddset(&wake, SIGCHLD); // blocked by the caller before the child started
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) break;
        if (done < 0 && errno != EINTR) return 127;
        siginfo_t info{};
        if (const int sig = ::sigwaitinfo(&wake, &info); sig == SIGINT || sig == SIGTERM) ::kill(child, sig);
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 127;
}

} // namespace spindle::cli
