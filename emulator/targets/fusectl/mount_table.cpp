#include "emulator/targets/fusectl/mount_table.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace spindle::fusectl {

namespace {

// mountinfo writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
std::string unescape(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const bool octal = field[i] == '\\' && i + 3 < field.size() &&
                           field.substr(i + 1, 3).find_first_not_of("01234567") == std::string::npos;
        if (!octal) {
            out += field[i];
            continue;
        }
        out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
        i += 3;
    }
    return out;
}

} // namespace

std::optional<MountEntry> top_mount_at(const std::filesystem::path& dir) {
    std::ifstream in("/proc/self/mountinfo");
    std::optional<MountEntry> top;
    for (std::string line; std::getline(in, line);) {
        // ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS
        std::istringstream fields(line);
        std::vector<std::string> f;
        for (std::string w; fields >> w;) f.push_back(w);
        if (f.size() < 5 || unescape(f[4]) != dir.native()) continue;
        std::size_t dash = 6;
        while (dash < f.size() && f[dash] != "-") ++dash;
        if (dash + 2 >= f.size()) continue;
        top = MountEntry{f[dash + 1], unescape(f[dash + 2])}; // later lines are mounted over earlier ones
    }
    return top;
}

std::filesystem::path mount_table_path(const std::filesystem::path& dir) {
    auto p = std::filesystem::absolute(dir).lexically_normal();
    if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path(); // "ctl/"
    std::error_code ec;
    const auto parent = std::filesystem::canonical(p.parent_path(), ec);
    return ec ? p : parent / p.filename();
}

} // namespace spindle::fusectl
