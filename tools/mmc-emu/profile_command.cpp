#include "tools/mmc-emu/profile_command.hpp"

#include "emulator/profile/profile_loader.hpp"

#include <fmt/format.h>

#include <memory>

namespace spindle::cli {

namespace {

struct ProfileOptions {
    std::string file;
};

int check(const ProfileOptions& options) {
    const auto profile = load_profile_file(options.file);
    if (!profile) {
        fmt::print(stderr, "{}\n", profile.error().to_string());
        return 1;
    }
    fmt::print("{}: ok\n", options.file);
    return 0;
}

int show(const ProfileOptions& options) {
    if (options.file.empty()) {
        fmt::print("{}", profile_to_yaml(default_profile()));
        return 0;
    }
    const auto profile = load_profile_file(options.file);
    if (!profile) {
        fmt::print(stderr, "{}\n", profile.error().to_string());
        return 1;
    }
    fmt::print("{}", profile_to_yaml(*profile));
    return 0;
}

// CLI11 callbacks cannot return a status; an exit code travels as CLI::RuntimeError, which
// App::exit turns into the process's exit status without printing anything.
void run(int status) {
    if (status != 0) throw CLI::RuntimeError(status);
}

} // namespace

void add_profile_commands(CLI::App& app) {
    auto* profile = app.add_subcommand("profile", "Validate and print drive profiles (YAML; see profiles/README.md)");
    profile->require_subcommand(1);
    auto options = std::make_shared<ProfileOptions>();

    auto* check_cmd = profile->add_subcommand(
        "check", "Validate a profile. Prints \"FILE: ok\" and exits 0, or prints the first error as\n"
                 "FILE:LINE:COLUMN: FIELD: MESSAGE on stderr and exits 1.");
    check_cmd->add_option("FILE", options->file, "Profile to validate")->required();
    check_cmd->callback([options] { run(check(*options)); });

    auto* show_cmd = profile->add_subcommand(
        "show", "Print the effective profile as YAML: every default filled in, mode pages as named fields\n"
                "where their layout allows. Without FILE, the profile built into mmc-emu. The output\n"
                "is itself a valid profile.");
    show_cmd->add_option("FILE", options->file, "Profile to load (default: the built-in profile)");
    show_cmd->callback([options] { run(show(*options)); });
}

} // namespace spindle::cli
