#pragma once
// How both tools parse their command line and end. CLI11 runs the subcommands' callbacks inside
// parse(), and a callback's exit status travels as CLI::RuntimeError; every other parse error is
// a usage error: CLI11's message and a pointer to --help on stderr, exit 2 (CLI11's own codes,
// 100..114, tell its exception classes apart, which no script wants to).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::cli {

inline constexpr int usage_exit = 2;

namespace detail {

// The command line's subcommands, root first: the deepest is the one whose --help helps.
inline std::vector<const CLI::App*> selected_chain(const CLI::App& app) {
    std::vector<const CLI::App*> chain{&app};
    for (auto subs = app.get_subcommands(); !subs.empty(); subs = subs.front()->get_subcommands())
        chain.push_back(subs.front());
    return chain;
}

inline std::string subcommand_names(const CLI::App& app) {
    std::string names;
    for (const auto* sub : app.get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
    return names;
}

// CLI11 says "A subcommand is required" also for a misspelt one; name it instead.
inline std::string usage_message(const CLI::App& deepest, const CLI::ParseError& e) {
    const bool wants_subcommand = dynamic_cast<const CLI::RequiredError*>(&e) != nullptr &&
                                  deepest.get_require_subcommand_min() > 0 && deepest.get_subcommands().empty();
    if (!wants_subcommand) return e.what();
    const auto extra = deepest.remaining();
    if (!extra.empty() && !extra.front().starts_with('-'))
        return fmt::format("unknown subcommand '{}' (one of: {})", extra.front(), subcommand_names(deepest));
    return fmt::format("a subcommand is required (one of: {})", subcommand_names(deepest));
}

} // namespace detail

// A usage error as both tools print it; `command` is the (sub)command whose --help explains.
inline void print_usage_error(std::string_view tool, std::string_view command, std::string_view message) {
    fmt::print(stderr, "{}: {}\nRun '{} --help' for more information.\n", tool, message, command);
}

// The exit status when the command line is dealt with (help, version, a usage error, a
// callback's status); nullopt when it parsed and the caller goes on.
inline std::optional<int> parse_or_exit(CLI::App& app, int argc, const char* const* argv) {
    try {
        app.parse(argc, argv);
        return std::nullopt;
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code();
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e); // --help, --version
        const auto chain = detail::selected_chain(app);
        std::string command;
        for (const auto* a : chain) command += (command.empty() ? "" : " ") + a->get_name();
        print_usage_error(app.get_name(), command, detail::usage_message(*chain.back(), e));
        return usage_exit;
    }
}

} // namespace spindle::cli
