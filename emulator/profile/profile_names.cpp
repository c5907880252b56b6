#include "emulator/profile/profile_names.hpp"

#include <fmt/format.h>

namespace spindle {

std::string profile_display_name(std::uint16_t number) {
    if (const auto* p = scsi::find_mmc_profile(number)) return std::string(p->key);
    return fmt::format("0x{:04X}", number);
}

std::string profile_name_list() {
    std::string out;
    for (const auto& p : scsi::mmc_profiles) {
        if (!out.empty()) out += ", ";
        out += p.key;
    }
    return out;
}

} // namespace spindle
