#include "mode_page_fields.hpp"

#include "scsi/bytes.hpp"

#include <fmt/format.h>

#include <string_view>

namespace spindle::discrec {
namespace {

using nlohmann::ordered_json;

// The page's bytes, read with the byte helpers every CDB and page reader uses.
struct Page {
    std::span<const std::uint8_t> b;
    bool bit(std::size_t byte, unsigned n) const { return scsi::get_bit(b, byte, n); }
    unsigned bits(std::size_t byte, unsigned low, unsigned count) const { return scsi::get_bits(b, byte, low, count); }
    unsigned be16(std::size_t at) const { return scsi::get_be16(b, at); }
    std::uint32_t be32(std::size_t at) const { return scsi::get_be32(b, at); }
};

// A coded value as "Name (code)", or "reserved (code)" for a code the standard leaves open.
template <std::size_t N>
std::string coded(unsigned code, const std::pair<unsigned, std::string_view> (&names)[N]) {
    for (const auto& [c, name] : names)
        if (c == code) return fmt::format("{} ({})", name, code);
    return fmt::format("reserved ({})", code);
}

// MMC-6 table 644: Read/Write Error Recovery Parameters.
ordered_json error_recovery(const Page& p) {
    if (p.b.size() < 12) return nullptr;
    return ordered_json{{"AWRE", p.bit(2, 7)},
                        {"ARRE", p.bit(2, 6)},
                        {"TB", p.bit(2, 5)},
                        {"RC", p.bit(2, 4)},
                        {"PER", p.bit(2, 2)},
                        {"DTE", p.bit(2, 1)},
                        {"DCR", p.bit(2, 0)},
                        {"Read Retry Count", p.b[3]},
                        {"EMCDR", p.bits(7, 0, 2)},
                        {"Write Retry Count", p.b[8]},
                        {"Recovery Time Limit (ms)", p.be16(10)}};
}

// MMC-6 table 649: Write Parameters.
ordered_json write_parameters(const Page& p) {
    if (p.b.size() < 16) return nullptr;
    static constexpr std::pair<unsigned, std::string_view> write_types[] = {
        {0, "Packet/Incremental"}, {1, "Track At Once"}, {2, "Session At Once"}, {3, "Raw"}, {4, "Layer Jump"}};
    static constexpr std::pair<unsigned, std::string_view> multi_session[] = {
        {0, "next session not allowed"},
        {1, "next session not allowed, B0 pointer FF:FF:FF"},
        {3, "next session allowed"}};
    static constexpr std::pair<unsigned, std::string_view> block_types[] = {{0, "raw 2352"},
                                                                            {1, "raw 2368 with P and Q"},
                                                                            {2, "raw 2448 with P-W"},
                                                                            {3, "raw 2448, P-W raw"},
                                                                            {7, "vendor specific"},
                                                                            {8, "Mode 1, 2048"},
                                                                            {9, "Mode 2, 2336"},
                                                                            {10, "Mode 2 Form 1, 2048"},
                                                                            {11, "Mode 2 Form 1 with subheader, 2056"},
                                                                            {12, "Mode 2 Form 2, 2324"},
                                                                            {13, "Mode 2 mixed, 2332"}};
    static constexpr std::pair<unsigned, std::string_view> session_formats[] = {
        {0x00, "CD-DA or CD-ROM"}, {0x10, "CD-I"}, {0x20, "CD-ROM XA"}};
    ordered_json f{{"BUFE", p.bit(2, 6)},
                   {"LS_V", p.bit(2, 5)},
                   {"Test Write", p.bit(2, 4)},
                   {"Write Type", coded(p.bits(2, 0, 4), write_types)},
                   {"Multi-session", coded(p.bits(3, 6, 2), multi_session)},
                   {"FP", p.bit(3, 5)},
                   {"Copy", p.bit(3, 4)},
                   {"Track Mode", p.bits(3, 0, 4)},
                   {"Data Block Type", coded(p.bits(4, 0, 4), block_types)},
                   {"Link Size", p.b[5]},
                   {"Initiator Application Code", p.bits(7, 0, 6)},
                   {"Session Format", coded(p.b[8], session_formats)},
                   {"Packet Size", p.be32(10)},
                   {"Audio Pause Length", p.be16(14)}};
    if (p.b.size() >= 33) {
        f["MCVAL"] = p.bit(16, 7);
        f["TCVAL"] = p.bit(32, 7);
    }
    return f;
}

// MMC-6 table 664: CD/DVD Capabilities and Mechanical Status (the fields MMC-6 keeps; the
// obsolete speed fields as drives still fill them).
ordered_json capabilities(const Page& p) {
    if (p.b.size() < 32) return nullptr;
    static constexpr std::pair<unsigned, std::string_view> loading[] = {
        {0, "caddy"}, {1, "tray"}, {2, "pop-up"}, {4, "changer, individual discs"}, {5, "changer, cartridge"}};
    ordered_json f{{"DVD-RAM Read", p.bit(2, 5)},
                   {"DVD-R Read", p.bit(2, 4)},
                   {"DVD-ROM Read", p.bit(2, 3)},
                   {"Method 2", p.bit(2, 2)},
                   {"CD-RW Read", p.bit(2, 1)},
                   {"CD-R Read", p.bit(2, 0)},
                   {"DVD-RAM Write", p.bit(3, 5)},
                   {"DVD-R Write", p.bit(3, 4)},
                   {"Test Write", p.bit(3, 2)},
                   {"CD-RW Write", p.bit(3, 1)},
                   {"CD-R Write", p.bit(3, 0)},
                   {"BUF", p.bit(4, 7)},
                   {"Multi Session", p.bit(4, 6)},
                   {"Mode 2 Form 2", p.bit(4, 5)},
                   {"Mode 2 Form 1", p.bit(4, 4)},
                   {"Digital Port 2", p.bit(4, 3)},
                   {"Digital Port 1", p.bit(4, 2)},
                   {"Composite", p.bit(4, 1)},
                   {"Audio Play", p.bit(4, 0)},
                   {"Read Bar Code", p.bit(5, 7)},
                   {"UPC", p.bit(5, 6)},
                   {"ISRC", p.bit(5, 5)},
                   {"C2 Pointers Supported", p.bit(5, 4)},
                   {"R-W Deinterleaved and Corrected", p.bit(5, 3)},
                   {"R-W Supported", p.bit(5, 2)},
                   {"CD-DA Stream Is Accurate", p.bit(5, 1)},
                   {"CD-DA Commands Supported", p.bit(5, 0)},
                   {"Loading Mechanism Type", coded(p.bits(6, 5, 3), loading)},
                   {"Eject", p.bit(6, 3)},
                   {"Prevent Jumper", p.bit(6, 2)},
                   {"Lock State", p.bit(6, 1)},
                   {"Lock", p.bit(6, 0)},
                   {"Side Change Capable", p.bit(7, 5)},
                   {"S/W Slot Selection", p.bit(7, 4)},
                   {"Supports Disc Present", p.bit(7, 3)},
                   {"Separate Channel Mute", p.bit(7, 2)},
                   {"Separate Volume Levels", p.bit(7, 1)},
                   {"Maximum Read Speed (kB/s)", p.be16(8)},
                   {"Number of Volume Levels Supported", p.be16(10)},
                   {"Buffer Size Supported (KiB)", p.be16(12)},
                   {"Current Read Speed (kB/s)", p.be16(14)},
                   {"Maximum Write Speed (kB/s)", p.be16(18)},
                   {"Current Write Speed (kB/s)", p.be16(20)},
                   {"Copy Management Revision Supported", p.be16(22)},
                   {"Rotation Control Selected", p.bits(27, 0, 2) == 1 ? "CAV" : "CLV"},
                   {"Write Speed Selected (kB/s)", p.be16(28)}};
    // Logical Unit Write Speed Performance Descriptors (table 665), 4 bytes each from byte 32.
    ordered_json speeds = ordered_json::array();
    const std::size_t count = p.be16(30);
    for (std::size_t i = 0; i < count && 32 + 4 * i + 4 <= p.b.size(); ++i) {
        const std::size_t at = 32 + 4 * i;
        speeds.push_back(fmt::format("{} kB/s {}", p.be16(at + 2), p.bits(at + 1, 0, 3) == 1 ? "CAV" : "CLV"));
    }
    f["Write Speed Descriptors"] = speeds;
    return f;
}

} // namespace

ordered_json mode_page_fields(std::span<const std::uint8_t> page) {
    if (page.size() < 2) return nullptr;
    const Page p{page};
    switch (page[0] & 0x3F) {
    case 0x01: return error_recovery(p);
    case 0x05: return write_parameters(p);
    case 0x2A: return capabilities(p);
    default: return nullptr;
    }
}

} // namespace spindle::discrec
