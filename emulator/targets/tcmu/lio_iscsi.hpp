#pragma once
// LIO's iSCSI target (iscsi_target_mod) through configfs: the TCMU backstores that LioLun makes,
// exported as the LUNs of one iSCSI target, with CHAP per initiator. Everything created is
// recorded and removed in reverse order; nothing is left half made when a step fails.
//
//   target/iscsi/<IQN>/tpgt_1                 attrib/ (authentication, generate_node_acls ...)
//     lun/lun_<k+1>/<name>  -> core/user_<n>/<name>        drive k is LUN k+1 (drive_lun)
//     acls/<initiator>/auth/ userid password [userid_mutual password_mutual]
//     acls/<initiator>/lun_<k>/lun -> tpgt_1/lun/lun_<k>
//     np/<address>:<port>                    listens from its mkdir on; enable=1 last
//   target/iscsi/discovery_auth/             global: set (and restored) only when asked
//
// The configfs layout is drivers/target/iscsi/iscsi_target_configfs.c of Linux; what the
// settings are made of, iscsi_settings.hpp.
#include "emulator/targets/tcmu/iscsi_settings.hpp"
#include "emulator/targets/tcmu/lio_config.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::tcmu {

class IscsiTarget {
public:
    // Makes the target, its TPG (not yet enabled) and an ACL per initiator. Loads
    // iscsi_target_mod when configfs lacks target/iscsi and paths.load_modules is set.
    static std::expected<IscsiTarget, std::string> create(const LioPaths& paths, IscsiSettings settings);
    IscsiTarget(IscsiTarget&&) noexcept = default;
    IscsiTarget& operator=(IscsiTarget&&) = delete;
    ~IscsiTarget();

    const std::string& iqn() const { return settings_.iqn; }
    const Portal& portal() const { return settings_.portal; }

    // Drive k is LUN k+1. LUN 0 stays LIO's placeholder, which answers INQUIRY as SPC-4 with
    // no device behind it: an initiator then asks REPORT LUNS for the drives. A drive at LUN 0
    // would answer ANSI version 0, as ATAPI drives do, and Linux scans such a target for LUNs
    // 0 to 7 only, one by one (scsi_scan.c): an attach of 64 drives would show 8.
    static unsigned drive_lun(std::size_t drive) { return static_cast<unsigned>(drive) + 1; }

    // Exports `backstore` (core/user_<n>/<name>) as drive `drive`'s LUN of the TPG and of every ACL.
    std::expected<void, std::string> add_drive(std::size_t drive, const std::filesystem::path& backstore);
    // Opens the portal (the socket listens from here on) and enables the TPG.
    std::expected<void, std::string> enable();
    // Takes one drive's LUN away (the drive vanished); commands in flight must still be answered.
    void remove_drive(std::size_t drive);
    // Disables the TPG (which ends every session), removes everything made, restores the
    // discovery credentials. Commands in flight must still be answered meanwhile.
    void remove();

private:
    enum class Kind : std::uint8_t { Directory, Link, Restore };
    struct Created {
        std::filesystem::path path;
        Kind kind;
        std::optional<unsigned> lun; // a LUN's entries, removed with it
        std::string old_value;       // Kind::Restore: the attribute's value before ours
        bool shared = false;         // may be in use by others (target/iscsi itself)
    };
    IscsiTarget(LioPaths paths, IscsiSettings settings) : paths_(std::move(paths)), settings_(std::move(settings)) {}
    std::expected<void, std::string> make_dir(const std::filesystem::path& p, std::optional<unsigned> lun = {});
    std::expected<void, std::string> make_link(const std::filesystem::path& target, const std::filesystem::path& p,
                                               std::optional<unsigned> lun = {});
    std::expected<void, std::string> set_discovery_auth(const ChapEntry& chap);
    void undo(const Created& c) const;

    LioPaths paths_;
    IscsiSettings settings_;
    std::filesystem::path tpg_;
    std::vector<Created> created_; // in creation order
};

// `mmc-emu detach`: removes every iSCSI TPG that exports a backstore named with name_prefix
// (its sessions ended first), and the target when no TPG is left. One line per removed entry.
// Discovery credentials an attach set are not restored (only the attach knows what was there).
std::vector<std::string> remove_stale_iscsi(const LioPaths& paths, std::string& errors);

} // namespace spindle::tcmu
