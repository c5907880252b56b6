#pragma once
// What an iSCSI export is made of, checked before anything reaches the kernel: the portal (an
// address and port; loopback and wildcard told apart), iSCSI names, and the CHAP credentials
// file (only its owner may read it). Names and CHAP: RFC 3720 (iSCSI) §3.2.6 (iqn., eui., naa.
// names, ASCII subset), §8.2.1 (CHAP secrets of at least 96 bits); RFC 3722 (stringprep: lower
// case).
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

} // namespace spindle::tcmu
