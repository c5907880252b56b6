// The metadata file is replaced atomically, and reopening refuses metadata that does not
// describe a usable disc, with a message naming the file and the field.
#include "persistence/persistence_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

struct KeptDisc {
    TempDir dir;
    std::filesystem::path image = dir / "disc.img";
    std::unique_ptr<Medium> medium = value_or_fail(make_medium("blank dvd-r image=" + image.string()));
    std::string reopen_error() { return error_of(open_medium(image)); }
    void replace_in_metadata(std::string_view from, std::string_view to) {
        auto text = slurp(metadata_path_for(image));
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        spit(metadata_path_for(image), text);
    }
};

} // namespace

TEST_CASE("a crash before the rename leaves the previous metadata; after it, the new one") {
    for (auto crash : {CrashPoint::AfterTemporaryWrite, CrashPoint::AfterTemporarySync}) {
        KeptDisc k;
        const Disc old = k.medium->disc;
        k.medium->disc.tracks[0].recorded = 160;
        REQUIRE(save_medium(*k.medium, k.image, crash));
        CHECK(std::filesystem::exists(temporary_path_for(metadata_path_for(k.image))));
        CHECK(value_or_fail(open_medium(k.image))->disc == old);
        // The next save overwrites the stale temporary file and completes.
        REQUIRE(save_medium(*k.medium, k.image));
        CHECK_FALSE(std::filesystem::exists(temporary_path_for(metadata_path_for(k.image))));
        CHECK(value_or_fail(open_medium(k.image))->disc.tracks[0].recorded == 160);
        k.medium->unsaved = false;
    }
    KeptDisc k;
    k.medium->disc.tracks[0].recorded = 32;
    REQUIRE(save_medium(*k.medium, k.image, CrashPoint::AfterRename));
    CHECK(value_or_fail(open_medium(k.image))->disc.tracks[0].recorded == 32);
}

TEST_CASE("a stale temporary file from an earlier crash does not disturb reopening") {
    KeptDisc k;
    spit(temporary_path_for(metadata_path_for(k.image)), "{\"format\": \"spindle-di");
    CHECK(value_or_fail(open_medium(k.image))->disc == k.medium->disc);
}

TEST_CASE("truncated or corrupt metadata is a clear error naming the file") {
    KeptDisc k;
    const auto text = slurp(metadata_path_for(k.image));
    spit(metadata_path_for(k.image), text.substr(0, text.size() / 2));
    const auto e = k.reopen_error();
    CHECK(e.find(metadata_path_for(k.image).string()) != std::string::npos);
    CHECK(e.find("not valid JSON") != std::string::npos);
    spit(metadata_path_for(k.image), "");
    CHECK(k.reopen_error().find("not valid JSON") != std::string::npos);
    spit(metadata_path_for(k.image), "[1, 2]");
    CHECK(k.reopen_error().find(": expected an object") != std::string::npos);
}

TEST_CASE("a metadata version this build does not know is refused") {
    KeptDisc k;
    k.replace_in_metadata("\"version\": 1", "\"version\": 2");
    CHECK(k.reopen_error().find("version 2 is not supported: expected 1") != std::string::npos);
}

TEST_CASE("inconsistent layouts are refused naming the field") {
    struct Case {
        std::string_view from, to, message;
    };
    for (const Case& c : {Case{"\"number\": 1", "\"number\": 2", "tracks[0]: number 2: expected 1"},
                          Case{"\"recorded\": 0", "\"recorded\": 4000000", "recorded 4000000 is more than its size"},
                          Case{"\"start\": 0", "\"start\": 2298000", "past the capacity of 2298496 blocks"},
                          Case{"\"session\": 1", "\"session\": 0", "tracks[0]: session 0"},
                          Case{"\"kind\": \"dvd-r\"", "\"kind\": \"dvd-x\"", "kind: unknown media kind \"dvd-x\""},
                          Case{"\"status\": \"empty\"", "\"status\": \"full\"", "status: unknown value \"full\""},
                          Case{"\"closed\": false", "\"closed\": 0", "tracks[0].closed: expected true or false"},
                          Case{"\"size\": 2298496", "\"size\": -1", "tracks[0].size: -1 is out of range"},
                          Case{"\"track_mode\": 5", "\"track_mode\": 16", "tracks[0].track_mode: expected 0 to 15"},
                          Case{"\"packet_size\": 16,", "", "tracks[0].packet_size: missing"}}) {
        CAPTURE(c.message);
        KeptDisc k;
        k.replace_in_metadata(c.from, c.to);
        CHECK(k.reopen_error().find(c.message) != std::string::npos);
    }
}

TEST_CASE("an image smaller than the data its layout records is refused") {
    KeptDisc k;
    k.medium->disc.tracks[0].recorded = 320;
    REQUIRE(save_medium(*k.medium));
    CHECK(std::filesystem::file_size(k.image) == 320u * 2048);
    std::filesystem::resize_file(k.image, 319u * 2048);
    const auto e = k.reopen_error();
    CHECK(e.find("the image is 653312 bytes but the layout records data up to byte 655360") != std::string::npos);
    std::filesystem::remove(k.image);
    CHECK(k.reopen_error().find("cannot open image") != std::string::npos);
}

TEST_CASE("a missing metadata file is an error naming it") {
    TempDir dir;
    const auto e = error_of(open_medium(dir / "none.img"));
    CHECK(e.find("none.img.json") != std::string::npos);
}
