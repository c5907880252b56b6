// Current bits: the MMC-6 rule the drive model applies unless a profile overrides it, against
// what the drive showed with each medium observed (profile_capture.hpp says how).
#include "bridge/capture/profile_capture.hpp"

#include "emulator/drive/feature_currency.hpp"
#include "emulator/profile/profile_names.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace spindle::recorder::capture {

namespace {

// What the built-in rule says for `code` with `profile` loaded; nullopt where it also looks at
// the disc's layout (Random Readable, Random Writable), which a capture cannot see.
std::optional<bool> builtin_rule(std::uint16_t code, std::uint16_t profile) {
    if (profile == scsi::mmc_profile::none) return builtin_feature_current(code, MediumInDrive{0, nullptr});
    if (code == 0x0010 || code == 0x0020) return std::nullopt;
    static const Disc blank{};
    return builtin_feature_current(code, MediumInDrive{profile, &blank});
}

} // namespace

std::vector<FeatureDescriptor> ProfileCapture::features_with_currency(Notes& notes) const {
    if (!base_) return {};
    std::vector<FeatureDescriptor> out = base_->features;
    for (auto& f : out) {
        const auto it = currency_.find(f.code);
        if (it == currency_.end()) continue;
        const auto& seen = it->second;
        const bool agrees = std::all_of(seen.begin(), seen.end(), [&](const auto& kv) {
            const auto rule = builtin_rule(f.code, kv.first);
            return !rule || *rule == kv.second;
        });
        if (agrees) continue;
        if (std::all_of(seen.begin(), seen.end(), [](const auto& kv) { return kv.second; })) {
            f.always_current = true;
            continue;
        }
        for (const auto profile : base_->profiles) {
            const auto s = seen.find(profile);
            const bool current = s != seen.end() ? s->second : builtin_rule(f.code, profile).value_or(false);
            if (current) f.current_for.push_back(profile);
        }
        // current_for is never current without a medium, and empty means "the rule": say so.
        if (const auto none = seen.find(0); none != seen.end() && none->second)
            notes.push_back(
                fmt::format("feature {:04X}h: current without a medium but not with every medium; kept current "
                            "only with {}",
                            f.code, f.current_for.empty() ? "none" : "the media listed"));
        if (f.current_for.empty())
            notes.push_back(
                fmt::format("feature {:04X}h: never current, which the schema cannot say; MMC-6's rule kept", f.code));
    }
    return out;
}

} // namespace spindle::recorder::capture
