#pragma once
// LIO's iSCSI target (iscsi_target_mod) through configfs: the TCMU backstores that LioLun makes,
// exported as the LUNs of one iSCSI target, with CHAP per initiator. Everything created is
// recorded and removed in reverse order; nothing is left half made when a step fails.
//
//   target/iscsi/<IQN>/tpgt_1                 attrib/ (authentication, generate_node_acls ...)
//     lun/lun_<k>/<name>  -> core/user_<n>/<name>          drive k is LUN k
//     acls/<initiator>/auth/ userid password [userid_mutual password_mutual]
//     acls/<initiator>/lun_<k>/lun -> tpgt_1/lun/lun_<k>
//     np/<address>:<port>                    listens from its mkdir on; enable=1 last
//   target/iscsi/discovery_auth/             global: set (and restored) only when asked
//
// Names and CHAP: RFC 3720 (iSCSI) §3.2.6 (iqn., eui., naa. names, ASCII subset), §8.2.1 (CHAP
// secrets of at least 96 bits); RFC 3722 (stringprep: lower case). The configfs layout is
// drivers/target/iscsi/iscsi_target_configfs.c of Linux.
#include "emulator/targets/tcmu/lio_config.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::tcmu {

inline constexpr std::uint16_t iscsi_default_port = 3260;

// An iSCSI network portal: an IPv4 or IPv6 address and a TCP port.
struct Portal {
    std::string address; // as written, without brackets: 127.0.0.1, ::1
    std::uint16_t port = iscsi_default_port;
    bool ipv6 = false;
    // The np/ directory name (and how initiators write it): 127.0.0.1:3260, [::1]:3260.
    std::string text() const;
};

// ADDR, ADDR:PORT, [IPV6] or [IPV6]:PORT; the port defaults to 3260. Host names are refused
// (the kernel binds an address).
std::expected<Portal, std::string> parse_portal(std::string_view text);
// 127.0.0.0/8 or ::1 (and ::ffff:127.x.y.z).
bool is_loopback(const Portal& portal);
// 0.0.0.0 or ::: every address of the host.
bool is_wildcard(const Portal& portal);

// An iSCSI name as RFC 3720 §3.2.6.3 spells it: iqn.YYYY-MM.reversed.domain[:anything],
// eui. and 16 hex digits, naa. and 16 or 32 hex digits; ASCII lower case, digits, '-', '.',
// ':' only, at most 223 bytes. The error says what is wrong with `name`.
std::expected<void, std::string> check_iscsi_name(std::string_view name);
// The default target name: iqn.2003-01.org.linux-iscsi.<host>:<label> (LIO's own naming
// authority, as targetcli uses), with the host and label folded into the allowed characters.
std::string default_target_iqn(std::string_view host, std::string_view label);

// One CHAP identity: the name and secret the other side must present.
struct ChapSecret {
    std::string user;
    std::string secret;
};
struct ChapEntry {
    ChapSecret initiator;             // what the initiator presents to us
    std::optional<ChapSecret> target; // mutual CHAP: what we present to the initiator
};
struct InitiatorAccess {
    std::string iqn; // the initiator's name; an ACL of its own
    ChapEntry chap;
};
// The credentials file (--chap FILE), one entry a line, '#' starts a comment:
//   initiator IQN USER SECRET [TARGET_USER TARGET_SECRET]
//   discovery USER SECRET [TARGET_USER TARGET_SECRET]
// At most one discovery line (CHAP for SendTargets, global to the host's LIO); each initiator
// once. Secrets: 12 to 255 printable characters, the mutual one different from the other.
struct ChapConfig {
    std::vector<InitiatorAccess> initiators;
    std::optional<ChapEntry> discovery;
};
// Parses the file's text; errors say FILE:LINE: and what was expected.
std::expected<ChapConfig, std::string> parse_chap_config(std::string_view text, std::string_view file_name);
// Opens FILE, refuses it unless it is a regular file owned by the effective user that nobody
// else may read or write (mode 0600 or 0400), then parses it.
std::expected<ChapConfig, std::string> load_chap_config(const std::filesystem::path& file);

struct IscsiSettings {
    std::string iqn; // the target's name
    Portal portal;
    // Who may log in, with which secrets; empty: no authentication, any initiator (demo mode),
    // which `create` refuses unless the portal is loopback.
    std::optional<ChapConfig> auth;
};
// Whether `settings` may be served: no authentication only on a loopback portal, and at least
// one initiator when there is authentication.
std::expected<void, std::string> check_iscsi_settings(const IscsiSettings& settings);

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

    // Exports `backstore` (core/user_<n>/<name>) as LUN `lun` of the TPG and of every ACL.
    std::expected<void, std::string> add_lun(unsigned lun, const std::filesystem::path& backstore);
    // Opens the portal (the socket listens from here on) and enables the TPG.
    std::expected<void, std::string> enable();
    // Takes one LUN away (its drive vanished); commands in flight must still be answered.
    void remove_lun(unsigned lun);
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
