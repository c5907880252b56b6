#pragma once
// LIO through configfs: a TCMU ("user") backstore and a tcm_loop LUN in front of it, which the
// kernel's SCSI layer scans and binds to sr and sg. Everything created is recorded and removed
// in reverse order; nothing is left half made when a step fails.
//
//   core/user_<n>/<name>            dev_config=spindle/<name>, dev_size, enable=1 -> /dev/uioN
//   loopback/naa.5001405…/tpgt_1    nexus, lun/lun_0/<name> -> core/user_<n>/<name>
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::tcmu {

// Every backstore spindle creates is named with this prefix; `detach` finds them by it.
inline constexpr std::string_view name_prefix = "spindle-";
inline constexpr std::string_view config_subtype = "spindle";

struct LioPaths {
    std::filesystem::path configfs = "/sys/kernel/config";
    std::filesystem::path sysfs = "/sys";
    std::filesystem::path dev = "/dev";
    bool load_modules = true; // try modprobe for missing target_core_user / tcm_loop
    std::filesystem::path target() const { return configfs / "target"; }
};

// "WHAT PATH: the errno's text": how a failed call on a path is worded.
std::string fail_text(std::string_view what, const std::filesystem::path& p, int e);
// The entries of `dir`; none when it cannot be read.
std::vector<std::filesystem::path> children(const std::filesystem::path& dir);
// configfs attributes take one write of the whole value (no newline added).
std::expected<void, std::string> write_attribute(const std::filesystem::path& p, std::string_view value);
// An attribute's first line, without its newline; empty if unreadable.
std::string read_line(const std::filesystem::path& p);
bool module_present(const LioPaths& paths, std::string_view module);
// modprobe MODULE unless it is loaded or paths.load_modules is off; whether it worked shows later.
void load_module(const LioPaths& paths, std::string_view module);

// Whether configfs, LIO, TCMU and tcm_loop are usable; a message saying what is missing if not.
std::expected<void, std::string> check_lio(const LioPaths& paths);

struct ScsiDeviceNames {
    std::string address;           // H:C:T:L
    std::filesystem::path block;   // /dev/srN
    std::filesystem::path generic; // /dev/sgN
};

class LioLun {
public:
    // Creates and enables the backstore `name` (which must start with name_prefix).
    // `command_timeout_s`: how long the kernel lets a command sit on the ring before it fails it
    // (TCMU's cmd_time_out; the kernel's default is 30 s).
    static std::expected<LioLun, std::string> create_backstore(const LioPaths& paths, std::string name,
                                                               std::uint64_t dev_size,
                                                               std::optional<unsigned> command_timeout_s = {});
    LioLun(LioLun&&) noexcept = default;
    LioLun& operator=(LioLun&&) = delete;
    ~LioLun();

    const std::string& name() const { return name_; }
    const std::filesystem::path& backstore() const { return backstore_; } // core/user_<n>/<name>
    std::string dev_config() const;

    // The tcm_loop side. The kernel scans the LUN while the symlink is made, so the ring must be
    // served (from another thread) during this call.
    std::expected<void, std::string> create_loopback();
    // Waits until the kernel bound sr and sg to the new LUN and their device nodes exist.
    // `cancelled` is asked between looks (e.g. whether a signal is pending).
    std::expected<ScsiDeviceNames, std::string> wait_for_devices(std::chrono::milliseconds timeout,
                                                                 const std::function<bool()>& cancelled = {}) const;

    // Teardown, in two steps: the LUN while the ring is still served (the kernel may send
    // commands as it removes the device), then the backstore.
    void remove_loopback();
    void remove_backstore();

private:
    enum class Kind : std::uint8_t { Directory, Link };
    struct Created {
        std::filesystem::path path;
        Kind kind;
        bool loopback;
        bool shared = false; // may be in use by others by the time we remove it
    };
    LioLun(LioPaths paths, std::string name) : paths_(std::move(paths)), name_(std::move(name)) {}
    void remove_where(bool loopback);

    LioPaths paths_;
    std::string name_;
    std::filesystem::path backstore_;
    std::filesystem::path tpg_;
    std::vector<Created> created_; // in creation order
};

// `mmc-emu detach`: removes every backstore named with name_prefix and the tcm_loop LUNs,
// TPGs and WWNs (and iSCSI targets, lio_iscsi.hpp) in front of them. Returns what it removed, one line each.
std::expected<std::vector<std::string>, std::string> remove_stale(const LioPaths& paths);

} // namespace spindle::tcmu
