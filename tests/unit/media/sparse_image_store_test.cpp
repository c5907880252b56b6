#include "emulator/media/sparse_image_store.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <vector>

using namespace spindle;

TEST_CASE("a sparse image reads back what was written and zeros elsewhere; the file grows lazily") {
    auto path = std::filesystem::temp_directory_path() / "spindle-sparse-test.img";
    auto s = SparseImageStore::open(path, SparseImageStore::Mode::CreateFresh);
    REQUIRE(s);
    CHECK(std::filesystem::file_size(path) == 0);
    std::vector<std::uint8_t> block(2048, 0xAB);
    REQUIRE((*s)->write(1000, block));
    CHECK(std::filesystem::file_size(path) == 1001u * 2048);
    std::vector<std::uint8_t> out(3 * 2048, 0xEE);
    REQUIRE((*s)->read(999, out));
    CHECK(std::all_of(out.begin(), out.begin() + 2048, [](auto b) { return b == 0; }));
    CHECK(std::all_of(out.begin() + 2048, out.begin() + 4096, [](auto b) { return b == 0xAB; }));
    CHECK(std::all_of(out.begin() + 4096, out.end(), [](auto b) { return b == 0; })); // past the end of file
    CHECK((*s)->flush());
    s->reset();
    auto again = SparseImageStore::open(path, SparseImageStore::Mode::OpenExisting);
    REQUIRE(again);
    std::vector<std::uint8_t> one(2048);
    REQUIRE((*again)->read(1000, one));
    CHECK(one == block);
    std::filesystem::remove(path);
}

TEST_CASE("an anonymous sparse image works without a path") {
    auto s = SparseImageStore::open({});
    REQUIRE(s);
    std::vector<std::uint8_t> block(2048, 7), out(2048);
    REQUIRE((*s)->write(5, block));
    REQUIRE((*s)->read(5, out));
    CHECK(out == block);
}

TEST_CASE("opening a missing image for reuse fails with the path in the message") {
    auto s = SparseImageStore::open("/nonexistent-dir/x.img", SparseImageStore::Mode::OpenExisting);
    REQUIRE(!s);
    CHECK(s.error().find("/nonexistent-dir/x.img") != std::string::npos);
}

TEST_CASE("a read-only image must be whole blocks, refuses writes and reads short past its end") {
    auto path = std::filesystem::temp_directory_path() / "spindle-ro-test.iso";
    {
        std::ofstream f(path, std::ios::binary);
        f << std::string(2048 * 2 + 1, 'a');
    }
    auto bad = ReadOnlyImageStore::open(path);
    REQUIRE(!bad);
    CHECK(bad.error().find("expected a multiple of 2048") != std::string::npos);
    std::filesystem::resize_file(path, 4096);
    auto ok = ReadOnlyImageStore::open(path);
    REQUIRE(ok);
    CHECK((*ok)->blocks() == 2);
    std::vector<std::uint8_t> out(2048);
    CHECK((*ok)->read(1, out));
    CHECK(out[0] == 'a');
    CHECK(!(*ok)->read(2, out));
    CHECK(!(*ok)->write(0, out));
    std::filesystem::remove(path);
}

TEST_CASE("a ROM image reads block by block and across blocks, and fails where it was cut short") {
    const auto path = std::filesystem::temp_directory_path() / ("spindle-rom-" + std::to_string(::getpid()));
    std::vector<std::uint8_t> image(2048 * 5);
    for (std::size_t i = 0; i < image.size(); ++i) image[i] = static_cast<std::uint8_t>(i * 7 + i / 2048);
    {
        std::ofstream f(path, std::ios::binary);
        f.write(reinterpret_cast<const char*>(image.data()), static_cast<std::streamsize>(image.size()));
    }
    auto rom = ReadOnlyImageStore::open(path);
    REQUIRE(rom);
    std::vector<std::uint8_t> out(2048 * 3 + 100); // a READ may end inside a block
    REQUIRE((*rom)->read(1, out));
    CHECK(std::equal(out.begin(), out.end(), image.begin() + 2048));
    CHECK(!(*rom)->read(3, out)); // would run past the last block

    // Another program truncates the image while it is served: the blocks before the cut still
    // read, a READ reaching past it fails (no zeros in place of data, no fault).
    std::filesystem::resize_file(path, 2048 * 2 + 1000);
    std::vector<std::uint8_t> two(2048 * 2);
    REQUIRE((*rom)->read(0, two));
    CHECK(std::equal(two.begin(), two.end(), image.begin()));
    CHECK(!(*rom)->read(1, two));
    CHECK(!(*rom)->read(4, std::span(two).first(2048)));
    std::filesystem::remove(path);
}
