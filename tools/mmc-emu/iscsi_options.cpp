#include "tools/mmc-emu/iscsi_options.hpp"

#include <fmt/format.h>
#include <limits.h>
#include <unistd.h>

namespace spindle::cli {

void add_iscsi_options(CLI::App& cmd, IscsiOptions& o) {
    const char* group = "iSCSI (LIO iscsi_target_mod)";
    cmd.add_flag("--iscsi", o.enabled,
                 "Also export every drive as a LUN of an iSCSI target (drive N is LUN N+1); prints\n"
                 "'iscsi PORTAL IQN' after the device lines")
        ->group(group);
    cmd.add_option("--portal", o.portal,
                   "Address and port the target listens on; 0.0.0.0:3260 or [::]:3260 for every\n"
                   "address of the host")
        ->capture_default_str()
        ->group(group);
    cmd.add_option("--iqn", o.iqn, "The target's iSCSI name (default iqn.2003-01.org.linux-iscsi.HOST:NAME)")
        ->group(group);
    cmd.add_option("--chap", o.chap,
                   "Credentials file, mode 0600, one line per initiator allowed in:\n"
                   "  initiator IQN USER SECRET [TARGET_USER TARGET_SECRET]\n"
                   "and optionally 'discovery USER SECRET [...]' for SendTargets")
        ->group(group);
    cmd.add_flag("--no-auth", o.no_auth, "No CHAP, any initiator may log in: refused unless the portal is loopback")
        ->group(group);
    cmd.add_flag("--no-local", o.no_local, "iSCSI only: no tcm_loop LUN (no /dev/srN on this host)")->group(group);
}

std::expected<std::optional<tcmu::IscsiSettings>, std::string> iscsi_settings(const IscsiOptions& o,
                                                                              std::string_view label) {
    if (!o.enabled) {
        if (!o.iqn.empty() || !o.chap.empty() || o.no_auth || o.no_local)
            return std::unexpected("--iqn, --chap, --no-auth and --no-local go with --iscsi");
        return std::nullopt;
    }
    if (o.no_auth == !o.chap.empty())
        return std::unexpected("--iscsi needs --chap FILE (CHAP, an ACL per initiator) or --no-auth (loopback only)");
    tcmu::IscsiSettings s;
    auto portal = tcmu::parse_portal(o.portal);
    if (!portal) return std::unexpected(fmt::format("--portal: {}", portal.error()));
    s.portal = *portal;
    if (o.iqn.empty()) {
        char host[HOST_NAME_MAX + 1] = {};
        if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
        s.iqn = tcmu::default_target_iqn(host, label);
    } else {
        s.iqn = o.iqn;
    }
    if (auto ok = tcmu::check_iscsi_name(s.iqn); !ok) return std::unexpected(fmt::format("--iqn: {}", ok.error()));
    if (!o.chap.empty()) {
        auto chap = tcmu::load_chap_config(o.chap);
        if (!chap) return std::unexpected(fmt::format("--chap: {}", chap.error()));
        s.auth = std::move(*chap);
    }
    if (auto ok = tcmu::check_iscsi_settings(s); !ok) return std::unexpected(ok.error());
    return s;
}

} // namespace spindle::cli
