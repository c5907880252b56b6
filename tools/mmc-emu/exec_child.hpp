#pragma once
// The program `mmc-emu exec` runs: found on PATH, refused when the preload cannot reach it
// (a static binary has no dynamic loader to preload; a setuid or setgid one has LD_PRELOAD
// dropped by the loader), started with the preloads in its environment, and waited for.
#include <expected>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace spindle::cli {

// The executable `name` names (as execvp finds it), checked for what the preload needs.
std::expected<std::filesystem::path, std::string> find_preloadable(const std::string& name);

// Starts `argv` with `preloads` put before any LD_PRELOAD it inherits and `env` (NAME=VALUE)
// added to its environment.
std::expected<pid_t, std::string> start_child(const std::filesystem::path& program,
                                              const std::vector<std::string>& argv,
                                              const std::vector<std::string>& preloads,
                                              const std::vector<std::string>& env);

// Waits for the child; its exit status, or 128 + the signal that ended it (as a shell reports).
// SIGINT and SIGTERM sent to exec meanwhile are passed on to the child. The caller blocks
// SIGINT, SIGTERM and SIGCHLD before starting the child.
int wait_child(pid_t child);

} // namespace spindle::cli
