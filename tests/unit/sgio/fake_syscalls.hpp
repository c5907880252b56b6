#pragma once
// A scripted Syscalls: tests say what each call returns and read back what was asked.
#include "recorder/transport/syscalls.hpp"

#include <algorithm>
#include <scsi/sg.h>

#include <cerrno>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace spindle::test {

using recorder::DeviceNumber;
using recorder::SysResult;

struct SgCall {
    std::vector<std::uint8_t> cdb;
    int direction = 0;
    unsigned length = 0;
    unsigned timeout_ms = 0;
    unsigned sense_capacity = 0;
    char interface_id = 0;
};

class FakeSyscalls final : public recorder::Syscalls {
public:
    // What the next opens return (an fd or an errno); when empty, opens succeed with fd 7.
    std::deque<SysResult<int>> open_results;
    std::vector<std::pair<std::string, int>> opens; // path, flags
    std::vector<int> closes;
    // Answers SG_IO: fills the header as the kernel would, or returns an errno.
    std::deque<std::function<SysResult<void>(sg_io_hdr&)>> sg_answers;
    std::vector<SgCall> sg_calls;
    std::map<unsigned long, int> ioctl_values;
    std::map<std::string, std::string> files;
    std::map<std::string, std::vector<std::string>> dirs;
    std::map<std::string, std::string> links;
    std::map<std::string, DeviceNumber> devices;
    int pid = 1000;
    // Mount points that refuse to be unmounted, with their errno; the ones unmounted.
    std::map<std::string, int> unmount_errors;
    std::vector<std::string> unmounted;

    SysResult<void> unmount(const std::string& mount_point) override {
        if (auto e = unmount_errors.find(mount_point); e != unmount_errors.end()) return std::unexpected(e->second);
        unmounted.push_back(mount_point);
        return {};
    }

    SysResult<int> open(const std::string& path, int flags) override {
        opens.emplace_back(path, flags);
        if (open_results.empty()) return 7;
        auto r = open_results.front();
        open_results.pop_front();
        return r;
    }
    SysResult<void> close(int fd) override {
        closes.push_back(fd);
        return {};
    }
    SysResult<void> sg_io(int, sg_io_hdr& h) override {
        SgCall c;
        c.cdb.assign(h.cmdp, h.cmdp + h.cmd_len);
        c.direction = h.dxfer_direction;
        c.length = h.dxfer_len;
        c.timeout_ms = h.timeout;
        c.sense_capacity = h.mx_sb_len;
        c.interface_id = static_cast<char>(h.interface_id);
        sg_calls.push_back(c);
        if (sg_answers.empty()) return {}; // GOOD, everything transferred
        auto answer = sg_answers.front();
        sg_answers.pop_front();
        return answer(h);
    }
    SysResult<int> ioctl_get_int(int, unsigned long request) override {
        auto it = ioctl_values.find(request);
        if (it == ioctl_values.end()) return std::unexpected(ENOTTY);
        return it->second;
    }
    SysResult<std::string> read_file(const std::string& path) override {
        auto it = files.find(path);
        if (it == files.end()) return std::unexpected(ENOENT);
        return it->second;
    }
    SysResult<std::vector<std::string>> list_dir(const std::string& path) override {
        auto it = dirs.find(path);
        if (it == dirs.end()) return std::unexpected(ENOENT);
        return it->second;
    }
    SysResult<std::string> read_link(const std::string& path) override {
        auto it = links.find(path);
        if (it == links.end()) return std::unexpected(EINVAL);
        return it->second;
    }
    SysResult<DeviceNumber> stat_device(const std::string& path) override {
        auto it = devices.find(path);
        if (it == devices.end()) return std::unexpected(ENOENT);
        return it->second;
    }
    std::uint32_t page_size() override { return 4096; }
    int process_id() override { return pid; }
};

// SG_IO answers.
inline std::function<SysResult<void>(sg_io_hdr&)> sg_errno(int err) {
    return [err](sg_io_hdr&) -> SysResult<void> { return std::unexpected(err); };
}
inline std::function<SysResult<void>(sg_io_hdr&)> sg_status(std::uint8_t status, std::vector<std::uint8_t> sense = {},
                                                            int resid = 0, unsigned short host = 0,
                                                            unsigned short driver = 0) {
    return [=](sg_io_hdr& h) -> SysResult<void> {
        h.status = status;
        h.masked_status = static_cast<unsigned char>(status >> 1);
        h.host_status = host;
        h.driver_status = driver;
        h.resid = resid;
        const auto n = std::min<std::size_t>(sense.size(), h.mx_sb_len);
        std::copy_n(sense.begin(), n, h.sbp);
        h.sb_len_wr = static_cast<unsigned char>(n);
        h.duration = 12;
        return {};
    };
}

} // namespace spindle::test
