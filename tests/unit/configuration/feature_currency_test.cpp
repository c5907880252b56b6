// The built-in Current rules of GET CONFIGURATION features, per medium (MMC-6 5.4 profiles).
#include "emulator/drive/feature_currency.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using namespace spindle;

namespace {

struct Loaded {
    Disc disc;
    MediumInDrive view() const { return {disc.type().profile, &disc}; }
};

Loaded loaded(MediaKind kind) {
    Loaded l;
    l.disc.kind = kind;
    l.disc.capacity_blocks = media_type(kind).capacity_blocks;
    return l;
}

bool all_current(std::initializer_list<std::uint16_t> codes, const MediumInDrive& m) {
    for (auto c : codes)
        if (!builtin_feature_current(c, m)) return false;
    return true;
}
bool none_current(std::initializer_list<std::uint16_t> codes, const MediumInDrive& m) {
    for (auto c : codes)
        if (builtin_feature_current(c, m)) return false;
    return true;
}

} // namespace

TEST_CASE("without a medium only the drive features are current") {
    const MediumInDrive none{};
    CHECK(all_current({0x0000, 0x0001, 0x0002, 0x0003, 0x0035, 0x0100, 0x0105, 0x0107, 0x0108}, none));
    CHECK(none_current({0x0010, 0x001D, 0x001E, 0x001F, 0x0020, 0x0021, 0x0023, 0x002B, 0x0040, 0x0041, 0x0109}, none));
}

TEST_CASE("a CD-R makes the CD read and CD write features current, not the DVD or BD ones") {
    const auto l = loaded(MediaKind::CdR);
    CHECK(all_current({0x001D, 0x001E, 0x0021, 0x002D, 0x002E}, l.view()));
    CHECK(none_current({0x001F, 0x0023, 0x0037, 0x002B, 0x002F, 0x0040, 0x0041}, l.view()));
}

TEST_CASE("a CD-RW adds Formattable and CD-RW Media Write Support") {
    const auto l = loaded(MediaKind::CdRw);
    CHECK(all_current({0x001D, 0x001E, 0x0021, 0x0023, 0x002D, 0x002E, 0x0037}, l.view()));
}

TEST_CASE("a DVD+R makes DVD Read and DVD+R current but not DVD+R Dual Layer") {
    const auto l = loaded(MediaKind::DvdPlusR);
    CHECK(all_current({0x001F, 0x002B}, l.view()));
    CHECK(none_current({0x003B, 0x002A, 0x0021, 0x002F, 0x001E}, l.view()));
}

TEST_CASE("a DVD+R DL makes both DVD+R and DVD+R Dual Layer current") {
    CHECK(all_current({0x001F, 0x002B, 0x003B}, loaded(MediaKind::DvdPlusRDl).view()));
}

TEST_CASE("a DVD-R DL makes DVD-R/-RW Write, Incremental Streaming and Layer Jump current") {
    CHECK(all_current({0x001F, 0x0021, 0x002F, 0x0033}, loaded(MediaKind::DvdMinusRDl).view()));
}

TEST_CASE("a DVD-RW in restricted overwrite is formattable and restricted-overwritable, not incremental") {
    const auto l = loaded(MediaKind::DvdMinusRwRestricted);
    CHECK(all_current({0x0023, 0x0026, 0x002C}, l.view()));
    CHECK(none_current({0x0021, 0x002F}, l.view()));
}

TEST_CASE("a DVD-RAM is randomly readable and writable with defect management") {
    CHECK(all_current({0x0010, 0x0020, 0x0023, 0x0024}, loaded(MediaKind::DvdRam).view()));
}

TEST_CASE("Random Writable on BD-RE follows whether the disc is formatted") {
    auto l = loaded(MediaKind::BdRe);
    CHECK_FALSE(builtin_feature_current(0x0020, l.view()));
    CHECK_FALSE(builtin_feature_current(0x0010, l.view()));
    l.disc.formatted = true;
    CHECK(builtin_feature_current(0x0020, l.view()));
    CHECK(builtin_feature_current(0x0010, l.view()));
    CHECK(all_current({0x0023, 0x0024, 0x0040, 0x0041, 0x010D}, l.view()));
}

TEST_CASE("Random Readable is current for pressed discs and for recordable discs with recorded data") {
    CHECK(builtin_feature_current(0x0010, loaded(MediaKind::DvdRom).view()));
    auto l = loaded(MediaKind::DvdPlusR);
    CHECK_FALSE(builtin_feature_current(0x0010, l.view()));
    Track track;
    track.size = 1000;
    track.recorded = 16;
    l.disc.tracks.push_back(track);
    CHECK(builtin_feature_current(0x0010, l.view()));
}

TEST_CASE("a BD-R makes BD Read, BD Write and BD-R POW current") {
    CHECK(all_current({0x0040, 0x0041, 0x0038, 0x0023}, loaded(MediaKind::BdR).view()));
}

TEST_CASE("a vendor-specific feature code has no built-in rule and is never current by itself") {
    CHECK_FALSE(builtin_feature_current(0xFF00, loaded(MediaKind::DvdPlusR).view()));
}

TEST_CASE("the profile's always_current and current_for override the built-in rule") {
    const auto l = loaded(MediaKind::CdR);
    FeatureDescriptor dvd_read;
    dvd_read.code = 0x001F;
    CHECK_FALSE(feature_current(dvd_read, l.view()));
    dvd_read.always_current = true;
    CHECK(feature_current(dvd_read, l.view()));
    FeatureDescriptor cd_read;
    cd_read.code = 0x001E;
    cd_read.current_for = {mmc_profile::cd_rw};
    CHECK_FALSE(feature_current(cd_read, l.view())); // the list replaces the CD rule
    cd_read.current_for.push_back(mmc_profile::cd_r);
    CHECK(feature_current(cd_read, l.view()));
    CHECK_FALSE(feature_current(cd_read, MediumInDrive{}));
}
