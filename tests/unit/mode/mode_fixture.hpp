#pragma once
// A drive with three mode pages given as hex, so the byte-exact tests below can spell out
// every byte: 01h (AWRE/ARRE/PER and the read retry count changeable; defaults differ from
// the current values), 08h (only WCE changeable) and 2Ah (nothing changeable).
#include "scsi/cdb_mode.hpp"
#include "support/test_drive.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace spindle::test {

inline constexpr std::string_view mode_profile_yaml = R"(
identity:
  vendor: ACME
  product: Writer 9000
  revision: "1.2"
  serial: SN0042
profiles: [dvd+r, dvd-rom]
mode_pages:
  - page: 0x01
    current:    "01 0A 80 20 00 00 00 00 10 00 00 00"
    default:    "01 0A 80 10 00 00 00 00 10 00 00 00"
    changeable: "01 0A C4 FF 00 00 00 00 00 00 00 00"
  - page: 0x08
    current:    "08 0A 04 00 00 00 00 00 00 00 00 00"
    changeable: "08 0A 04 00 00 00 00 00 00 00 00 00"
  - page: 0x2A
    current: "2A 1E 3F 37 71 77 29 23 00 00 01 00 10 00 00 00
              00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00"
)";

inline DriveProfile mode_profile() { return profile_from_yaml(mode_profile_yaml); }

// The pages as MODE SENSE reports their current values: PS set on the savable 01h and 08h.
inline std::vector<std::uint8_t> page_01_current() {
    return bytes({0x81, 0x0A, 0x80, 0x20, 0, 0, 0, 0, 0x10, 0, 0, 0});
}
inline std::vector<std::uint8_t> page_08_current() { return bytes({0x88, 0x0A, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}); }
inline std::vector<std::uint8_t> page_2a_current() {
    return bytes({0x2A, 0x1E, 0x3F, 0x37, 0x71, 0x77, 0x29, 0x23, 0, 0, 0x01, 0, 0x10, 0, 0, 0,
                  0,    0,    0,    0,    0,    0,    0,    0x01, 0, 0, 0,    0, 0,    0, 0, 0});
}

inline std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
    std::vector<std::uint8_t> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// MODE SENSE(10) of one page (or 3Fh) with page control `pc`, allocation length 255, DBD 0.
inline auto mode_sense10(std::uint8_t page, std::uint8_t pc = 0, std::uint8_t subpage = 0) {
    return scsi::cdb::mode_sense10(page, static_cast<scsi::cdb::PageControl>(pc), 255, false, subpage);
}

// MODE SELECT(10) with PF set, SP as given, for a parameter list of `length` bytes.
inline auto mode_select10(std::size_t length, bool sp = false) {
    return scsi::cdb::mode_select10(static_cast<std::uint16_t>(length), sp);
}

// A MODE SELECT(10) parameter list: the 8-byte header (all zero) and the pages.
inline std::vector<std::uint8_t> select_list(std::initializer_list<std::vector<std::uint8_t>> pages) {
    std::vector<std::uint8_t> out(8, 0);
    for (const auto& p : pages) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// The bytes after the 8-byte MODE SENSE(10) header.
inline std::vector<std::uint8_t> pages_of(const Result& r) {
    return r.data.size() < 8 ? std::vector<std::uint8_t>{}
                             : std::vector<std::uint8_t>(r.data.begin() + 8, r.data.end());
}

// Sense-key-specific bytes 15-17 of the sense data.
inline std::array<std::uint8_t, 3> sks(const Result& r) {
    const auto s = r.sense_bytes();
    return {s[15], s[16], s[17]};
}

// A fresh directory, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "spindle-mode-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace spindle::test
