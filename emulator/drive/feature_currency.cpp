#include "emulator/drive/feature_currency.hpp"

#include <algorithm>
#include <initializer_list>

namespace spindle {

namespace {

namespace p = mmc_profile;
constexpr std::uint16_t dvd_plus_rw_dl = p::dvd_plus_rw_dl; // no medium spindle models

bool is_cd(std::uint16_t profile) { return profile >= p::cd_rom && profile <= p::cd_rw; }
bool is_dvd(std::uint16_t profile) {
    return (profile >= p::dvd_rom && profile <= p::dvd_plus_r) || profile == dvd_plus_rw_dl ||
           profile == p::dvd_plus_r_dl;
}
bool is_bd(std::uint16_t profile) { return profile >= p::bd_rom && profile <= p::bd_re; }
bool is_dvd_plus(std::uint16_t profile) {
    return profile == p::dvd_plus_rw || profile == p::dvd_plus_r || profile == dvd_plus_rw_dl ||
           profile == p::dvd_plus_r_dl;
}
bool is_rom(std::uint16_t profile) { return profile == p::cd_rom || profile == p::dvd_rom || profile == p::bd_rom; }
bool one_of(std::uint16_t profile, std::initializer_list<std::uint16_t> set) {
    return std::find(set.begin(), set.end(), profile) != set.end();
}

// Random Readable (0010h) is current when READ(10) can return data: a pressed disc, a
// random-access disc that is formatted, or any disc with recorded blocks.
bool readable(const MediumInDrive& m) {
    if (is_rom(m.profile) || m.profile == p::dvd_ram) return true;
    const Disc& d = *m.disc;
    if (d.type().random_access && d.formatted) return true;
    return d.last_recorded_lba().has_value();
}

} // namespace

bool builtin_feature_current(std::uint16_t code, const MediumInDrive& m) {
    switch (code) {
    // Drive features: current whether or not a medium is loaded.
    case 0x0000: // Profile List
    case 0x0001: // Core
    case 0x0002: // Morphing
    case 0x0003: // Removable Medium
    case 0x0035: // Stop Long Operation
    case 0x0100: // Power Management
    case 0x0101: // SMART
    case 0x0102: // Embedded Changer
    case 0x0104: // Microcode Upgrade
    case 0x0105: // Timeout
    case 0x0107: // Real Time Streaming
    case 0x0108: // Drive Serial Number
    case 0x010C: // Firmware Information
        return true;
    default: break;
    }
    if (m.profile == p::none || m.disc == nullptr) return false; // the rest follow the medium
    const auto q = m.profile;
    switch (code) {
    case 0x0004: return one_of(q, {p::dvd_ram, p::dvd_plus_rw, dvd_plus_rw_dl, p::bd_r_srm, p::bd_r_rrm, p::bd_re});
    case 0x0010: return readable(m);
    case 0x001D: // Multi-Read
    case 0x001E: // CD Read
    case 0x0103: // CD External Audio Play
        return is_cd(q);
    case 0x001F: return is_dvd(q); // DVD Read
    case 0x0020:                   // Random Writable
        return q == p::dvd_ram || q == p::bd_r_rrm || (q == p::bd_re && m.disc->formatted);
    case 0x0021: // Incremental Streaming Writable
        return one_of(q, {p::cd_r, p::cd_rw, p::dvd_minus_r, p::dvd_minus_rw_sequential, p::dvd_minus_r_dl_sequential});
    case 0x0023: // Formattable
        return one_of(q, {p::cd_rw, p::dvd_minus_rw_sequential, p::dvd_minus_rw_restricted, p::dvd_plus_rw, p::dvd_ram,
                          p::bd_r_srm, p::bd_re});
    case 0x0024: return one_of(q, {p::dvd_ram, p::bd_re});                 // Hardware Defect Management
    case 0x0025: return q == p::bd_r_rrm;                                  // Write Once
    case 0x0026: return q == p::dvd_minus_rw_restricted;                   // Restricted Overwrite
    case 0x0027: return q == p::cd_rw;                                     // CD-RW CAV Write
    case 0x0028: return one_of(q, {p::cd_rw, p::dvd_plus_rw});             // MRW
    case 0x0029: return one_of(q, {p::dvd_ram, p::dvd_plus_rw, p::bd_re}); // Enhanced Defect Reporting
    case 0x002A: return q == p::dvd_plus_rw;                               // DVD+RW
    case 0x002B: return one_of(q, {p::dvd_plus_r, p::dvd_plus_r_dl});      // DVD+R
    case 0x002C: return q == p::dvd_minus_rw_restricted;                   // Rigid Restricted Overwrite
    case 0x002D:                                                           // CD Track at Once
    case 0x002E:                                                           // CD Mastering
        return one_of(q, {p::cd_r, p::cd_rw});
    case 0x002F: // DVD-R/-RW Write
        return one_of(
            q, {p::dvd_minus_r, p::dvd_minus_rw_sequential, p::dvd_minus_r_dl_sequential, p::dvd_minus_r_dl_jump});
    case 0x0033: return one_of(q, {p::dvd_minus_r_dl_sequential, p::dvd_minus_r_dl_jump}); // Layer Jump Recording
    case 0x0037: return q == p::cd_rw;                                                     // CD-RW Media Write Support
    case 0x0038: return q == p::bd_r_srm;                                                  // BD-R POW
    case 0x003A: return q == dvd_plus_rw_dl;                                               // DVD+RW Dual Layer
    case 0x003B: return q == p::dvd_plus_r_dl;                                             // DVD+R Dual Layer
    case 0x0040:                                                                           // BD Read
    case 0x010D:                                                                           // AACS
        return is_bd(q);
    case 0x0041: return one_of(q, {p::bd_r_srm, p::bd_r_rrm, p::bd_re}); // BD Write
    case 0x0106: return q == p::dvd_rom;                                 // DVD CSS
    case 0x0109: return true;                                            // Media Serial Number
    case 0x010A:                                                         // Disc Control Blocks
    case 0x0110:                                                         // VCPS
        return is_dvd_plus(q);
    case 0x010B: return q >= p::dvd_rom && q <= p::dvd_minus_r_dl_jump; // DVD CPRM
    default: return false;
    }
}

bool feature_current(const FeatureDescriptor& f, const MediumInDrive& m) {
    if (f.always_current) return true;
    if (!f.current_for.empty())
        return m.profile != p::none &&
               std::find(f.current_for.begin(), f.current_for.end(), m.profile) != f.current_for.end();
    return builtin_feature_current(f.code, m);
}

} // namespace spindle
