#pragma once
// `mmc-emu attach --iscsi`: the options that export the attached drives over iSCSI (LIO's
// iscsi_target_mod, emulator/targets/tcmu/lio_iscsi.hpp), and the settings made from them.
#include "emulator/targets/tcmu/lio_iscsi.hpp"

#include <CLI/CLI.hpp>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace spindle::cli {

struct IscsiOptions {
    bool enabled = false;
    std::string portal = "127.0.0.1:3260"; // nothing listens on a wildcard address unless asked
    std::string iqn;                       // empty: tcmu::default_target_iqn(host, label)
    std::string chap;                      // the credentials file
    bool no_auth = false;
    bool no_local = false; // iSCSI only: no tcm_loop LUN, no /dev/srN on this host
};

void add_iscsi_options(CLI::App& cmd, IscsiOptions& o);
// The target's settings (none without --iscsi); `label` (the backstores' base name) names the
// default IQN. Errors name the option; the CHAP file is read (and its permissions checked) here.
std::expected<std::optional<tcmu::IscsiSettings>, std::string> iscsi_settings(const IscsiOptions& o,
                                                                              std::string_view label);

} // namespace spindle::cli
