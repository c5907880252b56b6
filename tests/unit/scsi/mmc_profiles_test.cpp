// The MMC profile table (scsi/mmc_profiles.hpp) against MMC-6 table 91 and the media's 1x rates,
// with values written out here by hand.
#include "scsi/mmc_profiles.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace spindle::scsi;

TEST_CASE("profile codes and names follow MMC-6 table 91") {
    CHECK(mmc_profile::cd_r == 0x0009);
    CHECK(mmc_profile::dvd_plus_r == 0x001B);
    CHECK(mmc_profile::dvd_plus_r_dl == 0x002B);
    CHECK(mmc_profile::bd_re == 0x0043);
    CHECK(mmc_profile_name(0x0009) == "CD-R");
    CHECK(mmc_profile_name(0x0013) == "DVD-RW (restricted overwrite)");
    CHECK(mmc_profile_name(0x001B) == "DVD+R");
    CHECK(mmc_profile_name(0x0041) == "BD-R");
    CHECK(mmc_profile_name(0x0000) == "no medium");
    CHECK(mmc_profile_name(0x0050) == "unknown medium"); // HD DVD-ROM: not modelled
    REQUIRE(find_mmc_profile_by_key("dvd+r-dl") != nullptr);
    CHECK(find_mmc_profile_by_key("dvd+r-dl")->code == 0x002B);
    CHECK(find_mmc_profile_by_key("hd-dvd") == nullptr);
}

TEST_CASE("every profile has one code, one name and one key, and its family's block, unit and 1x") {
    std::set<std::uint16_t> codes;
    std::set<std::string_view> names, keys;
    for (const auto& p : mmc_profiles) {
        CAPTURE(p.name);
        CHECK(codes.insert(p.code).second);
        CHECK(names.insert(p.name).second);
        CHECK(keys.insert(p.key).second);
        CHECK(p.block_size == 2048);
        switch (p.family) {
        case MediaFamily::Cd:
            CHECK(p.code <= 0x000A);
            CHECK(p.one_x == 176'400); // 75 sectors of 2352 bytes
            CHECK(p.sector_bytes == 2352);
            CHECK(p.unit_blocks == 1);
            break;
        case MediaFamily::Dvd:
            CHECK((p.code >= 0x0010 && p.code <= 0x002B));
            CHECK(p.one_x == 1'385'000); // 11.08 Mbit/s
            CHECK(p.sector_bytes == 2048);
            CHECK(p.unit_blocks == 16);
            break;
        case MediaFamily::Bd:
            CHECK((p.code >= 0x0040 && p.code <= 0x0043));
            CHECK(p.one_x == 4'495'000);
            CHECK(p.sector_bytes == 2048);
            CHECK(p.unit_blocks == 32);
            break;
        }
    }
    CHECK_FALSE(find_mmc_profile(mmc_profile::cd_rom)->writable);
    CHECK_FALSE(find_mmc_profile(mmc_profile::bd_rom)->writable);
    CHECK(find_mmc_profile(mmc_profile::dvd_plus_r)->writable);
}

TEST_CASE("Nx in sectors per second lands on the speeds drives list") {
    // A drive lists DVD 16x as 22160 kB/s: 22160000 / 2048 = 10820 sectors per second.
    CHECK(sectors_per_second_at(mmc_profile::dvd_plus_r, 16) == 10820u);
    CHECK(sectors_per_second_at(mmc_profile::dvd_plus_r, 2.4) == 1623u); // 3324 kB/s
    CHECK(sectors_per_second_at(mmc_profile::cd_r, 16) == 1200u);        // 16 x 75
    CHECK(sectors_per_second_at(mmc_profile::cd_r, 48) == 3600u);
    CHECK(sectors_per_second_at(mmc_profile::bd_r_srm, 2) == 4390u); // 8990 kB/s
    CHECK_FALSE(sectors_per_second_at(0x0050, 4));
    CHECK_FALSE(sectors_per_second_at(mmc_profile::dvd_plus_r, 0));
    CHECK_FALSE(sectors_per_second_at(mmc_profile::dvd_plus_r, -2));
    CHECK_FALSE(sectors_per_second_at(mmc_profile::bd_re, 1e9));
}
