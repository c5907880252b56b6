// The control filesystem's export file: a path written there becomes an image of the disc in
// the drive, in the format its extension names; what cannot be written is refused, nothing made.
#include "control_fixture.hpp"

#include "emulator/media/presets.hpp"

#include <fstream>

using namespace spindle;
using namespace spindle::test;

namespace spindle::test::control_export {

std::string pattern_text(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i * 17 + i / 2048);
    return s;
}

} // namespace spindle::test::control_export

TEST_CASE("export: the disc in the drive written as the image its name asks for, which loads as the same disc") {
    ControlFixture f;
    const auto dir = fresh_dir();
    const std::string data = control_export::pattern_text(20 * 2048);
    std::ofstream(dir / "data.iso", std::ios::binary) << data;
    std::ofstream(dir / "disc.cue") << "FILE \"data.iso\" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\n";
    REQUIRE(write_file(f.file("medium"), "rom from " + (dir / "disc.cue").string() + "\n") == 0);
    CHECK(read_file(f.file("export")).empty()); // nothing exported yet

    REQUIRE(write_file(f.file("export"), (dir / "copy.cue").string() + "\n") == 0);
    CHECK(read_file(f.file("export")) == (dir / "copy.cue").string() + " (2 files, 40960 bytes of sectors)\n");
    CHECK(read_file(dir / "copy (Track 01).bin") == data);
    auto again = make_medium("rom from " + (dir / "copy.cue").string());
    REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error()));
    CHECK((*again)->disc.tracks == f.with_drive([](Drive& d) { return d.state().medium->disc.tracks; }));

    REQUIRE(write_file(f.file("export"), (dir / "copy.iso").string()) == 0);
    CHECK(read_file(dir / "copy.iso") == data);
    CHECK(read_file(f.file("log")).find("export: " + (dir / "copy.iso").string()) != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("export refuses a relative path, a name of no format and an empty drive, writing nothing") {
    ControlFixture f;
    const auto dir = fresh_dir();
    CHECK(write_file(f.file("export"), "disc.cue") == EINVAL);
    CHECK(read_file(f.file("last_error")) == "export: 'disc.cue': expected an absolute path\n");
    CHECK(write_file(f.file("export"), (dir / "disc.img").string()) == EINVAL);
    CHECK(read_file(f.file("last_error")).find("the name must end in .cue") != std::string::npos);
    REQUIRE(read_file(f.file("medium")).starts_with("no-medium"));
    CHECK(write_file(f.file("export"), (dir / "disc.iso").string()) == EINVAL);
    CHECK(read_file(f.file("last_error")) == "export: there is no medium in the drive\n");
    CHECK(std::filesystem::is_empty(dir));
    std::filesystem::remove_all(dir);
}
