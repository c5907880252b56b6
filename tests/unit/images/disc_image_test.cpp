// images/disc_image: which loader a file goes to (by its content, whatever its name), what a
// CHD gets (a refusal saying how to convert it), and which writer an export's name picks.
#include "emulator/images/disc_image.hpp"
#include "emulator/media/presets.hpp"
#include "persistence/persistence_fixture.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("a CHD is recognised by its signature and refused, naming the chdman command that converts it") {
    TempDir dir;
    std::ofstream(dir / "game.img", std::ios::binary)
        << std::string("MComprHD\0\0\0\x7c\0\0\0\x05", 16) << std::string(200, '\0');
    CHECK(detect_image_format(dir / "game.img") == ImageFormat::Chd);
    auto m = make_medium("rom from " + (dir / "game.img").string());
    REQUIRE_FALSE(m.has_value());
    const auto img = (dir / "game.img").string(), cue = (dir / "game.cue").string();
    CHECK(m.error() == img + ": a CHD image (MAME): no library in Debian 12 reads it; convert it first with `chdman " +
                           "extractcd -i " + img + " -o " + cue + " -ob " + (dir / "game.bin").string() +
                           "` (package mame-tools) and load " + cue);
}

TEST_CASE("an ISO is no descriptor of another format; an export's name must say which format it writes") {
    TempDir dir;
    std::ofstream(dir / "data.iso", std::ios::binary) << std::string(16 * 2048, 'x');
    CHECK_FALSE(detect_image_format(dir / "data.iso").has_value());
    CHECK_FALSE(detect_image_format(dir / "missing.cue").has_value());
    auto m = make_medium("dvd-rom from " + (dir / "data.iso").string());
    REQUIRE(m.has_value());
    auto refused = export_disc_image((*m)->disc, *(*m)->store, dir / "copy.img");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error() == (dir / "copy.img").string() + ": the name must end in " + export_extensions() +
                                 " (its extension names the format written)");
    CHECK(export_extensions().find(".iso") != std::string::npos);
    auto iso = export_disc_image((*m)->disc, *(*m)->store, dir / "copy.iso");
    REQUIRE_MESSAGE(iso.has_value(), (iso ? "" : iso.error()));
    CHECK(std::filesystem::file_size(dir / "copy.iso") == 16 * 2048);
    CHECK(iso->bytes == 16 * 2048);
}
