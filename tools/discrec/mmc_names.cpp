#include "mmc_names.hpp"

#include "scsi/mmc_profiles.hpp"

#include <fmt/format.h>

#include <utility>

namespace spindle::discrec {
namespace {

// MMC-6 table 85 (Feature List), with the MMC-5 and drive-vendor-era codes drives still report.
constexpr std::pair<std::uint16_t, std::string_view> features[] = {
    {0x0000, "Profile List"},
    {0x0001, "Core"},
    {0x0002, "Morphing"},
    {0x0003, "Removable Medium"},
    {0x0004, "Write Protect"},
    {0x0010, "Random Readable"},
    {0x001D, "Multi-Read"},
    {0x001E, "CD Read"},
    {0x001F, "DVD Read"},
    {0x0020, "Random Writable"},
    {0x0021, "Incremental Streaming Writable"},
    {0x0022, "Sector Erasable"},
    {0x0023, "Formattable"},
    {0x0024, "Hardware Defect Management"},
    {0x0025, "Write Once"},
    {0x0026, "Restricted Overwrite"},
    {0x0027, "CD-RW CAV Write"},
    {0x0028, "MRW"},
    {0x0029, "Enhanced Defect Reporting"},
    {0x002A, "DVD+RW"},
    {0x002B, "DVD+R"},
    {0x002C, "Rigid Restricted Overwrite"},
    {0x002D, "CD Track at Once"},
    {0x002E, "CD Mastering"},
    {0x002F, "DVD-R/-RW Write"},
    {0x0030, "DDCD Read"},
    {0x0031, "DDCD-R Write"},
    {0x0032, "DDCD-RW Write"},
    {0x0033, "Layer Jump Recording"},
    {0x0034, "LJ Rigid Restricted Overwrite"},
    {0x0035, "Stop Long Operation"},
    {0x0037, "CD-RW Media Write Support"},
    {0x0038, "BD-R Pseudo-Overwrite"},
    {0x003A, "DVD+RW Dual Layer"},
    {0x003B, "DVD+R Dual Layer"},
    {0x0040, "BD Read"},
    {0x0041, "BD Write"},
    {0x0042, "TSR"},
    {0x0050, "HD DVD Read"},
    {0x0051, "HD DVD Write"},
    {0x0052, "HD DVD-RW Fragment Recording"},
    {0x0080, "Hybrid Disc"},
    {0x0100, "Power Management"},
    {0x0101, "SMART"},
    {0x0102, "Embedded Changer"},
    {0x0103, "CD Audio External Play"},
    {0x0104, "Microcode Upgrade"},
    {0x0105, "Timeout"},
    {0x0106, "DVD CSS"},
    {0x0107, "Real Time Streaming"},
    {0x0108, "Drive Serial Number"},
    {0x0109, "Media Serial Number"},
    {0x010A, "Disc Control Blocks"},
    {0x010B, "DVD CPRM"},
    {0x010C, "Firmware Information"},
    {0x010D, "AACS"},
};

// MMC-6 7.1 and SPC-4 7.5 mode pages an MMC drive reports.
constexpr std::pair<std::uint8_t, std::string_view> pages[] = {
    {0x01, "Read/Write Error Recovery"},
    {0x02, "Disconnect-Reconnect"},
    {0x05, "Write Parameters"},
    {0x08, "Caching"},
    {0x0A, "Control"},
    {0x0D, "CD Device Parameters"},
    {0x0E, "CD Audio Control"},
    {0x1A, "Power Condition"},
    {0x1C, "Informational Exceptions Control"},
    {0x1D, "Timeout and Protect"},
    {0x2A, "CD/DVD Capabilities and Mechanical Status"},
};

template <class Table, class Code>
std::string_view find(const Table& table, Code code) {
    for (const auto& [c, name] : table)
        if (c == code) return name;
    return {};
}

} // namespace

std::string_view feature_name(std::uint16_t code) { return find(features, code); }
std::string_view mode_page_name(std::uint8_t code) { return find(pages, code); }

std::string profile_label(std::uint16_t profile) {
    const auto* p = scsi::find_mmc_profile(profile);
    if (p == nullptr) return fmt::format("{:04X}h", profile);
    return fmt::format("{} ({:04X}h)", p->name, profile);
}

std::string feature_label(std::uint16_t code) {
    const auto name = feature_name(code);
    return name.empty() ? fmt::format("{:04X}h", code) : fmt::format("{} ({:04X}h)", name, code);
}

} // namespace spindle::discrec
