#pragma once
// A tool's exit codes as one table: the header that holds it is the single source, --help
// prints it, and tests/cli checks README's table against what --help prints.
#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>

namespace spindle::cli {

struct ExitCodeDoc {
    int code;
    std::string_view meaning;
};

// "Exit codes:" and a line per code ("    2  ..."), the form tests/cli reads back.
inline std::string exit_code_help(std::span<const ExitCodeDoc> table) {
    std::string out = "Exit codes:\n";
    for (const auto& row : table) out += fmt::format("  {:>3}  {}\n", row.code, row.meaning);
    return out;
}

} // namespace spindle::cli
