#include "emulator/targets/tcmu/lio_config.hpp"

#include "emulator/targets/tcmu/lio_iscsi.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace spindle::tcmu {

namespace fs = std::filesystem;
using Result = std::expected<void, std::string>;

namespace {

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

int remove_path(const fs::path& p, bool link) {
    const int rc = link ? ::unlink(p.c_str()) : ::rmdir(p.c_str());
    return rc == 0 ? 0 : errno;
}

} // namespace

std::string fail_text(std::string_view what, const fs::path& p, int e) {
    return fmt::format("{} {}: {}", what, p.string(), std::strerror(e));
}

std::vector<fs::path> children(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
    return out;
}

// configfs attributes take one write of the whole value.
Result write_attribute(const fs::path& p, std::string_view value) {
    int fd = -1;
    do fd = ::open(p.c_str(), O_WRONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) return std::unexpected(fail_text("cannot open", p, errno));
    ssize_t n = -1;
    do n = ::write(fd, value.data(), value.size());
    while (n < 0 && errno == EINTR);
    const int e = errno;
    ::close(fd);
    if (n < 0) return std::unexpected(fmt::format("writing '{}' to {}: {}", value, p.string(), std::strerror(e)));
    if (static_cast<std::size_t>(n) != value.size())
        return std::unexpected(fmt::format("writing '{}' to {}: short write", value, p.string()));
    return {};
}

std::string read_line(const fs::path& p) {
    std::ifstream in(p);
    std::string s;
    std::getline(in, s);
    return s;
}

bool module_present(const LioPaths& paths, std::string_view module) { return is_dir(paths.sysfs / "module" / module); }

void load_module(const LioPaths& paths, std::string_view module) {
    if (!paths.load_modules || module_present(paths, module)) return;
    const std::string cmd = fmt::format("modprobe -q {} >/dev/null 2>&1", module);
    [[maybe_unused]] const int rc = std::system(cmd.c_str()); // its absence is reported below
}

Result check_lio(const LioPaths& paths) {
    const auto hint = "(load target_core_user and tcm_loop, mount configfs; or run inside tools/mmc-vm)";
    if (!is_dir(paths.configfs))
        return std::unexpected(fmt::format("configfs is not mounted: no {} {}", paths.configfs.string(), hint));
    load_module(paths, "target_core_user");
    load_module(paths, "tcm_loop");
    if (!is_dir(paths.target()))
        return std::unexpected(
            fmt::format("the LIO target core is not loaded: no {} {}", paths.target().string(), hint));
    if (!module_present(paths, "target_core_user"))
        return std::unexpected(
            fmt::format("TCMU is not available: kernel module target_core_user is not loaded {}", hint));
    if (!module_present(paths, "tcm_loop") && !is_dir(paths.target() / "loopback"))
        return std::unexpected(fmt::format("tcm_loop is not available: kernel module tcm_loop is not loaded {}", hint));
    return {};
}

std::expected<LioLun, std::string> LioLun::create_backstore(const LioPaths& paths, std::string name,
                                                            std::uint64_t dev_size,
                                                            std::optional<unsigned> command_timeout_s) {
    if (!name.starts_with(name_prefix) || name.find('/') != std::string::npos || name.size() > 64)
        return std::unexpected(
            fmt::format("backstore name '{}' must start with '{}' and have no '/'", name, name_prefix));
    if (auto ok = check_lio(paths); !ok) return std::unexpected(ok.error());

    LioLun lun(paths, std::move(name));
    // Our own HBA: the first user_<n> free, so that concurrent runs never share one.
    fs::path hba;
    for (unsigned n = 0;; ++n) {
        if (n == 1024) return std::unexpected("no free core/user_<n> HBA in configfs");
        hba = paths.target() / "core" / fmt::format("user_{}", n);
        if (::mkdir(hba.c_str(), 0755) == 0) break;
        if (errno != EEXIST) return std::unexpected(fail_text("cannot create", hba, errno));
    }
    lun.created_.push_back({hba, Kind::Directory, false});
    lun.backstore_ = hba / lun.name_;
    if (::mkdir(lun.backstore_.c_str(), 0755) != 0)
        return std::unexpected(fail_text("cannot create", lun.backstore_, errno));
    lun.created_.push_back({lun.backstore_, Kind::Directory, false});

    const auto control = lun.backstore_ / "control";
    if (auto r = write_attribute(control, "dev_config=" + lun.dev_config()); !r) return std::unexpected(r.error());
    if (auto r = write_attribute(control, fmt::format("dev_size={}", dev_size)); !r) return std::unexpected(r.error());
    // We find our ring ourselves and listen to no netlink events: without this, once a daemon
    // such as tcmu-runner has told the kernel it answers them, enabling (and removing) our
    // device waits for that daemon's answer, which refuses a handler it does not know. A kernel
    // without the option waits for no netlink answers either, so its refusal is ignored.
    (void)write_attribute(control, "nl_reply_supported=-1");
    if (command_timeout_s) {
        const auto attr = lun.backstore_ / "attrib" / "cmd_time_out";
        if (auto r = write_attribute(attr, fmt::format("{}", *command_timeout_s)); !r)
            return std::unexpected(r.error());
    }
    // Task management (an initiator's ABORT TASK, LUN RESET) is put on the ring, naming the
    // commands it concerns, so that a command the drive holds (a hang) ends when the initiator
    // gives up on it, not at cmd_time_out. Kernels before 5.10 lack the attribute: they end
    // such commands at cmd_time_out only.
    if (const auto tmr = lun.backstore_ / "attrib" / "tmr_notification"; ::access(tmr.c_str(), F_OK) == 0)
        if (auto r = write_attribute(tmr, "1"); !r) return std::unexpected(r.error());
    if (auto r = write_attribute(lun.backstore_ / "enable", "1"); !r) return std::unexpected(r.error());
    return lun;
}

LioLun::~LioLun() {
    remove_loopback();
    remove_backstore();
}

std::string LioLun::dev_config() const { return fmt::format("{}/{}", config_subtype, name_); }

Result LioLun::create_loopback() {
    // The fabric's directory appears on first use; whoever made it takes it away (when empty).
    const auto loopback = paths_.target() / "loopback";
    if (::mkdir(loopback.c_str(), 0755) == 0)
        created_.push_back({loopback, Kind::Directory, true, true});
    else if (errno != EEXIST)
        return std::unexpected(fail_text("cannot create", loopback, errno));
    // A fresh NAA WWN (LIO's 5001405 prefix and 36 random bits); mkdir says if it is taken.
    std::random_device rd;
    fs::path wwn;
    std::string wwn_name;
    for (int attempt = 0;; ++attempt) {
        if (attempt == 16) return std::unexpected("cannot find a free tcm_loop WWN");
        const std::uint64_t bits = ((std::uint64_t{rd()} << 32) | rd()) & 0xfffffffffULL;
        wwn_name = fmt::format("naa.5001405{:09x}", bits);
        wwn = loopback / wwn_name;
        if (::mkdir(wwn.c_str(), 0755) == 0) break;
        if (errno != EEXIST) return std::unexpected(fail_text("cannot create", wwn, errno));
    }
    created_.push_back({wwn, Kind::Directory, true});
    tpg_ = wwn / "tpgt_1";
    if (::mkdir(tpg_.c_str(), 0755) != 0) return std::unexpected(fail_text("cannot create", tpg_, errno));
    created_.push_back({tpg_, Kind::Directory, true});
    const auto lun_dir = tpg_ / "lun" / "lun_0";
    if (::mkdir(lun_dir.c_str(), 0755) != 0) return std::unexpected(fail_text("cannot create", lun_dir, errno));
    created_.push_back({lun_dir, Kind::Directory, true});
    if (auto r = write_attribute(tpg_ / "nexus", wwn_name); !r) return std::unexpected(r.error());
    const auto link = lun_dir / name_;
    if (::symlink(backstore_.c_str(), link.c_str()) != 0) return std::unexpected(fail_text("cannot link", link, errno));
    created_.push_back({link, Kind::Link, true});
    return {};
}

std::expected<ScsiDeviceNames, std::string> LioLun::wait_for_devices(std::chrono::milliseconds timeout,
                                                                     const std::function<bool()>& cancelled) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    // tcm_loop's TPG reports "host:0:tpgt"; the LUN is 0.
    const std::string address = read_line(tpg_ / "address");
    std::string last = "the kernel reported no SCSI address for the LUN";
    while (std::chrono::steady_clock::now() < deadline) {
        if (cancelled && cancelled()) return std::unexpected("interrupted while waiting for the kernel");
        if (!address.empty()) {
            const auto dev = paths_.sysfs / "bus/scsi/devices" / (address + ":0");
            ScsiDeviceNames names{address + ":0", {}, {}};
            for (const auto& p : children(dev / "block")) names.block = paths_.dev / p.filename();
            for (const auto& p : children(dev / "scsi_generic")) names.generic = paths_.dev / p.filename();
            std::error_code ec;
            if (!names.block.empty() && !names.generic.empty() && fs::exists(names.block, ec) &&
                fs::exists(names.generic, ec))
                return names;
            last = fmt::format("SCSI device {} has {} and {}", names.address,
                               names.block.empty() ? "no block device (is sr_mod loaded?)" : names.block.string(),
                               names.generic.empty() ? "no sg device (is sg loaded?)" : names.generic.string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::unexpected(fmt::format("timed out waiting for the kernel to bind the LUN: {}", last));
}

void LioLun::remove_where(bool loopback) {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
        if (it->loopback != loopback) continue;
        const int e = remove_path(it->path, it->kind == Kind::Link);
        if (it->shared && (e == EBUSY || e == ENOTEMPTY)) continue; // another user still has it
        if (e != 0 && e != ENOENT)
            fmt::print(stderr, "mmc-emu: cannot remove {}: {}\n", it->path.string(), std::strerror(e));
    }
    std::erase_if(created_, [&](const Created& c) { return c.loopback == loopback; });
}

void LioLun::remove_loopback() { remove_where(true); }
void LioLun::remove_backstore() { remove_where(false); }

std::expected<std::vector<std::string>, std::string> remove_stale(const LioPaths& paths) {
    if (!is_dir(paths.target()))
        return std::unexpected(
            fmt::format("nothing to clean: no {} (configfs or LIO not loaded)", paths.target().string()));
    std::string errors;
    // iSCSI LUNs first: they, like tcm_loop's, hold the backstores.
    std::vector<std::string> removed = remove_stale_iscsi(paths, errors);
    auto remove = [&](const fs::path& p, bool link) {
        if (const int e = remove_path(p, link); e == 0)
            removed.push_back(p.string());
        else if (e != ENOENT)
            errors += fmt::format("\n  {}: {}", p.string(), std::strerror(e));
    };
    auto ours = [](const fs::path& p) { return p.filename().string().starts_with(name_prefix); };

    // LUNs whose backstore is ours, then their TPG and WWN when nothing else is left there.
    for (const auto& wwn : children(paths.target() / "loopback")) {
        if (!is_dir(wwn) || !wwn.filename().string().starts_with("naa.")) continue;
        bool emptied = false;
        for (const auto& tpg : children(wwn)) {
            if (!tpg.filename().string().starts_with("tpgt_")) continue;
            for (const auto& lun : children(tpg / "lun")) {
                const auto links = children(lun);
                const bool mine =
                    std::ranges::any_of(links, [&](const fs::path& l) { return fs::is_symlink(l) && ours(l); });
                if (!mine) continue;
                for (const auto& l : links)
                    if (fs::is_symlink(l)) remove(l, true);
                remove(lun, false);
                if (children(tpg / "lun").empty()) {
                    remove(tpg, false);
                    emptied = true;
                }
            }
        }
        if (emptied && std::ranges::none_of(
                           children(wwn), [](const fs::path& p) { return p.filename().string().starts_with("tpgt_"); }))
            remove(wwn, false);
    }
    // Our backstores, then their HBAs when empty.
    for (const auto& hba : children(paths.target() / "core")) {
        if (!hba.filename().string().starts_with("user_")) continue;
        bool had_ours = false;
        for (const auto& dev : children(hba))
            if (is_dir(dev) && ours(dev)) {
                remove(dev, false);
                had_ours = true;
            }
        if (had_ours) remove(hba, false);
    }
    if (!errors.empty()) return std::unexpected("could not remove:" + errors);
    return removed;
}

} // namespace spindle::tcmu
