// Several drives, started together or by two processes, share neither an image nor the file
// their saved mode pages live in.
#include "served_media/served_fixture.hpp"
#include "tools/mmc-emu/run_drives.hpp"

#include <optional>

using namespace spindle;
using namespace spindle::test;

namespace {

cli::DriveSetOptions drive_set(int drives, std::string media, std::string image = {}, std::string state_dir = {}) {
    cli::DriveSetOptions o;
    o.drives = drives;
    o.media = std::move(media);
    o.image = std::move(image);
    o.state_dir = std::move(state_dir);
    return o;
}

} // namespace

TEST_CASE("several drives are refused a preset that names one image, naming it; --image gives each its own") {
    TempDir dir;
    const auto image = (dir / "disc.img").string();
    VirtualClock clock;
    for (const std::string& media : {"blank dvd+r image=" + image, "saved " + image}) {
        CAPTURE(media);
        const auto set = cli::make_drives(drive_set(2, media), clock);
        REQUIRE_FALSE(set);
        CHECK(set.error().find("2 drives cannot share the image " + image) != std::string::npos);
    }
    const auto set = value_or_fail(cli::make_drives(drive_set(2, "blank dvd+r", image), clock));
    for (std::size_t i = 0; i < 2; ++i)
        CHECK(set[i]->with([](Drive& d) { return d.state().medium->image; }) ==
              std::filesystem::path(image + "." + std::to_string(i)));
}

TEST_CASE("each of several drives keeps its saved mode pages in a directory of its own; one drive as before") {
    TempDir dir;
    VirtualClock clock;
    const auto state_dir = [](const cli::DriveSet& set, std::size_t i) {
        return set[i]->with([](Drive& d) { return d.state().state_dir; });
    };
    const auto one = value_or_fail(cli::make_drives(drive_set(1, "", "", dir.path.string()), clock));
    CHECK(state_dir(one, 0) == dir.path);
    {
        const auto two = value_or_fail(cli::make_drives(drive_set(2, "", "", dir.path.string()), clock));
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(state_dir(two, i) == dir / ("drive" + std::to_string(i)));
            CHECK(std::filesystem::is_directory(dir / ("drive" + std::to_string(i))));
        }
    }
    std::filesystem::remove(dir / "drive1");
    std::filesystem::create_symlink(dir.path, dir / "drive1");
    const auto linked = cli::make_drives(drive_set(2, "", "", dir.path.string()), clock);
    REQUIRE_FALSE(linked);
    CHECK(linked.error().find("is not a directory of its own") != std::string::npos);
}

TEST_CASE("a state directory in use by another drive set (another run, another process) is refused until freed") {
    TempDir dir;
    VirtualClock clock;
    auto first = std::optional(value_or_fail(cli::make_drives(drive_set(1, "", "", dir.path.string()), clock)));
    const auto second = cli::make_drives(drive_set(1, "", "", dir.path.string()), clock);
    REQUIRE_FALSE(second);
    CHECK(second.error() == "--state-dir: state directory " + dir.path.string() +
                                " is in use by another drive or process: each drive keeps its saved mode pages in "
                                "a directory of its own");
    first.reset();
    CHECK(cli::make_drives(drive_set(1, "", "", dir.path.string()), clock));
}
