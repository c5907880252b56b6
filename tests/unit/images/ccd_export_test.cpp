// A disc exported as a CloneCD image (images/ccd_export.hpp) loads again as the same disc:
// load -> export -> load gives the same Disc, the same sectors and R-W, and exporting that
// again gives the same files byte for byte. The .sub's P and Q are READ CD's raw P-W; its R-W
// those recorded. One image and two sessions, and a disc a drive burned Track At Once.
#include "ccd_fixture.hpp"
#include "emulator/images/ccd_export.hpp"
#include "emulator/images/ccd_image.hpp"
#include "emulator/images/disc_image.hpp"
#include "emulator/media/pw_channels.hpp"
#include "images/image_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::ccd_export {

using namespace ccd_fixture;

std::unique_ptr<Medium> load(const std::filesystem::path& ccd) {
    auto m = load_ccd_image(ccd);
    REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error()));
    return std::move(*m);
}

void export_to(Medium& m, const std::filesystem::path& ccd) {
    auto exported = export_disc_image(m.disc, *m.store, ccd); // chosen by the extension
    REQUIRE_MESSAGE(exported.has_value(), (exported ? "" : exported.error()));
    CHECK(exported->files == std::vector<std::filesystem::path>{ccd,
                                                                std::filesystem::path(ccd).replace_extension(".img"),
                                                                std::filesystem::path(ccd).replace_extension(".sub")});
}

// R-W only: bytes 24-95 of each .sub block.
Bytes rw_of(const Bytes& sub) {
    Bytes out;
    for (std::size_t b = 0; b + 96 <= sub.size(); b += 96)
        out.insert(out.end(), sub.begin() + static_cast<std::ptrdiff_t>(b + 24),
                   sub.begin() + static_cast<std::ptrdiff_t>(b + 96));
    return out;
}

// `source` (DIR/NAME.ccd) loaded, exported to OUT/a.ccd, loaded again and exported to OUT/b.ccd.
void check_identity(const TempDir& dir, const std::string& name, const Bytes& source_img, const Bytes& source_sub) {
    TempDir out;
    auto first = load(dir / (name + ".ccd"));
    export_to(*first, out / "a.ccd");
    auto second = load(out / "a.ccd");
    CHECK(second->disc == first->disc);
    CHECK(read_file(out / "a.img") == source_img);
    CHECK(rw_of(read_file(out / "a.sub")) == rw_of(source_sub));
    export_to(*second, out / "b.ccd");
    CHECK(read_file(out / "b.ccd") == read_file(out / "a.ccd"));
    CHECK(read_file(out / "b.img") == read_file(out / "a.img"));
    CHECK(read_file(out / "b.sub") == read_file(out / "a.sub"));
}

TEST_CASE("a CloneCD image exports to one that loads as the same disc, sector for sector and R-W for R-W") {
    TempDir dir;
    const SingleSession image;
    image.write(dir);
    check_identity(dir, "disc", image.img, image.sub);
    // CD-Text, ISRC and catalogue number are in the exported descriptor.
    TempDir out;
    auto m = load(dir / "disc.ccd");
    export_to(*m, out / "c.ccd");
    const auto ccd = read_file(out / "c.ccd");
    const std::string text(ccd.begin(), ccd.end());
    CHECK(text.find("CATALOG=0123456789012\n") != std::string::npos);
    CHECK(text.find("ISRC=USRC17607839\n") != std::string::npos);
    CHECK(text.find(fmt::format("[CDText]\nEntries={}\nEntry 0=80 00 00 00", image.packs.size() / 18)) !=
          std::string::npos);
}

TEST_CASE("a multisession CloneCD image exports with its sessions, the later one's pregap stored") {
    TempDir dir;
    const TwoSessions image;
    image.write(dir);
    check_identity(dir, "two", image.img, image.sub);
}

TEST_CASE("the exported .sub holds READ CD's P and Q of each block") {
    TempDir dir;
    SingleSession().write(dir);
    Writer w("rom from " + (dir / "disc.ccd").string());
    auto& m = *w.t->drive.state().medium;
    TempDir out;
    export_to(m, out / "x.ccd");
    const Bytes sub = read_file(out / "x.sub");
    // READ CD raw P-W of blocks the drive reads: the pause before track 2, the MCN block (25) and
    // the ISRC block (250 + 50), R-W blocks of track 3.
    for (std::uint32_t lba : {0u, 25u, 120u, 249u, 300u, 560u, 649u}) {
        const auto r =
            w.run(scsi::cdb::read_cd(static_cast<std::int32_t>(lba), 1, 0, 0, scsi::cdb::read_cd_sub::raw_pw), 96);
        REQUIRE_MESSAGE(r.good(), r.sense() << " at " << lba);
        const auto linear = std::span<const std::uint8_t, 96>(sub.data() + lba * 96, 96);
        const auto by_symbol = cd::pw_by_symbol(linear);
        CHECK_MESSAGE(Bytes(by_symbol.begin(), by_symbol.end()) == r.data, "block " << lba);
    }
}

TEST_CASE("a CD burned Track At Once exports as a CloneCD image that reads the same") {
    Writer w("blank cd-r");
    burn_track_at_once(w, sectors(Kind::Audio, 0, 200, 8));
    auto& m = *w.t->drive.state().medium;
    TempDir out;
    export_to(m, out / "burned.ccd");
    Writer back("rom from " + (out / "burned.ccd").string());
    CHECK(toc_answer(back, scsi::cdb::toc_format::toc) == toc_answer(w, scsi::cdb::toc_format::toc));
    for (const auto& t : m.disc.tracks) {
        const auto n = t.readable_end() - t.start;
        CHECK_MESSAGE(whole_sectors(back, t.start, n) == whole_sectors(w, t.start, n), "track " << t.number);
    }
}

TEST_CASE("CloneCD export refuses what is not a CD, and leaves nothing behind") {
    TempDir out;
    Writer dvd("closed dvd+r");
    auto& m = *dvd.t->drive.state().medium;
    const auto refused = export_ccd(m.disc, *m.store, out / "x.ccd");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error() == "a dvd+r is not a CD: a CloneCD image holds CD sessions");
    Writer blank("blank cd-r");
    auto& b = *blank.t->drive.state().medium;
    CHECK(export_ccd(b.disc, *b.store, out / "x.ccd").error() == "the disc has no recorded track to export");
    CHECK(std::filesystem::is_empty(out.path));
}

} // namespace spindle::test::ccd_export
