#include "recorder/enumeration.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <sstream>

namespace spindle::recorder {
namespace {

std::string attribute(Syscalls& sys, const std::string& path) {
    std::string v = sys.read_file(path).value_or("");
    while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.pop_back();
    return v;
}

std::string first_with_prefix(Syscalls& sys, const std::string& dir, std::string_view prefix) {
    auto names = sys.list_dir(dir);
    if (!names) return {};
    std::ranges::sort(*names);
    for (const auto& n : *names)
        if (n.starts_with(prefix)) return n;
    return {};
}

// "H:C:T:L" compared numerically, so 10:0:0:0 sorts after 2:0:0:0.
std::vector<unsigned> address_key(const std::string& a) {
    std::vector<unsigned> key;
    std::string_view rest = a;
    while (!rest.empty()) {
        unsigned v = 0;
        auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
        key.push_back(ec == std::errc{} ? v : 0);
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    return key;
}

std::string unescape_mount(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size()) {
            unsigned v = 0;
            auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 4, v, 8);
            if (ec == std::errc{} && p == s.data() + i + 4) {
                out += static_cast<char>(v);
                i += 3;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

} // namespace

std::string OpticalDrive::device_path() const {
    return block_name.empty() ? "/dev/" + generic_name : "/dev/" + block_name;
}

std::vector<OpticalDrive> enumerate_optical_drives(Syscalls& sys, const std::string& sysfs_root) {
    std::vector<OpticalDrive> out;
    const std::string devices = sysfs_root + "/bus/scsi/devices";
    auto names = sys.list_dir(devices);
    if (!names) return out;
    for (const auto& name : *names) {
        if (std::ranges::count(name, ':') != 3) continue; // hosts and targets are listed too
        const std::string dir = devices + "/" + name;
        if (attribute(sys, dir + "/type") != "5") continue; // SPC-4 peripheral device type 05h
        OpticalDrive d;
        d.scsi_address = name;
        d.block_name = first_with_prefix(sys, dir + "/block", "sr");
        d.generic_name = first_with_prefix(sys, dir + "/scsi_generic", "sg");
        if (d.block_name.empty() && d.generic_name.empty()) continue; // nothing to open
        d.vendor = attribute(sys, dir + "/vendor");
        d.model = attribute(sys, dir + "/model");
        d.revision = attribute(sys, dir + "/rev");
        out.push_back(std::move(d));
    }
    std::ranges::sort(out, {}, [](const OpticalDrive& d) { return address_key(d.scsi_address); });
    return out;
}

std::vector<std::string> mount_points(Syscalls& sys, unsigned major, unsigned minor, const std::string& mountinfo) {
    std::vector<std::string> out;
    auto text = sys.read_file(mountinfo);
    if (!text) return out;
    const std::string want = fmt::format("{}:{}", major, minor);
    std::istringstream lines(*text);
    std::string line;
    // proc(5): mount-ID parent-ID major:minor root mount-point options ...
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string id, parent, number, root, point;
        if (!(fields >> id >> parent >> number >> root >> point)) continue;
        if (number == want) out.push_back(unescape_mount(point));
    }
    return out;
}

} // namespace spindle::recorder
