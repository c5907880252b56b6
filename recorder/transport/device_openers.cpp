// Who else has a device node open: Linux cannot say who holds O_EXCL, but /proc/PID/fd shows
// every opener, which is what a person looking for "who has my drive" needs.
#include "recorder/transport/sgio_transport.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {

std::vector<std::string> find_device_openers(Syscalls& sys, const std::string& path, const std::string& proc_root) {
    std::vector<std::string> out;
    const auto target = sys.stat_device(path);
    if (!target) return out;
    const auto pids = sys.list_dir(proc_root);
    if (!pids) return out;
    const std::string self = std::to_string(sys.process_id());
    for (const auto& pid : *pids) {
        if (pid.empty() || !std::ranges::all_of(pid, [](char c) { return c >= '0' && c <= '9'; }) || pid == self)
            continue;
        const std::string fd_dir = proc_root + "/" + pid + "/fd";
        const auto fds = sys.list_dir(fd_dir); // EACCES for other users' processes: skipped
        if (!fds) continue;
        const bool holds = std::ranges::any_of(*fds, [&](const std::string& fd) {
            auto d = sys.stat_device(fd_dir + "/" + fd);
            return d && d->major == target->major && d->minor == target->minor && d->is_block == target->is_block &&
                   d->is_char == target->is_char;
        });
        if (!holds) continue;
        std::string comm = sys.read_file(proc_root + "/" + pid + "/comm").value_or("?");
        while (!comm.empty() && (comm.back() == '\n' || comm.back() == ' ')) comm.pop_back();
        out.push_back(fmt::format("{} (pid {})", comm, pid));
    }
    return out;
}

} // namespace spindle::recorder
