// Binary disc image descriptors (images/nrg_image.hpp, images/mds_image.hpp): any bytes loaded
// as a Nero image ("in.nrg") and as an Alcohol 120% descriptor ("in.mds", beside "in.mdf": 40
// blocks of 2448 bytes, which "*.mdf" names).
//
// An input: the file's bytes, all of them, used for both.
// Invariants: an image that loads is a disc a drive may keep (the loaders check it with
// validate_disc_state: their own bug if that fails, so it aborts here) whose every block in a
// track reads, in the form its track is read in.
#include "emulator/images/mds_image.hpp"
#include "emulator/images/nrg_image.hpp"
#include "emulator/media/disc_json.hpp"
#include "fuzz_input.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace spindle;

struct Directory {
    std::filesystem::path path;
    Directory() {
        std::string p = (std::filesystem::temp_directory_path() / "spindle-fuzz-binary-XXXXXX").string();
        if (::mkdtemp(p.data()) == nullptr) std::abort();
        path = p;
        std::vector<char> mdf(40 * 2448);
        for (std::size_t i = 0; i < mdf.size(); ++i) mdf[i] = static_cast<char>(i * 7);
        std::ofstream(path / "in.mdf", std::ios::binary).write(mdf.data(), static_cast<std::streamsize>(mdf.size()));
    }
    ~Directory() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

void check(std::expected<std::unique_ptr<Medium>, std::string> medium) {
    if (!medium) return;
    const Disc& disc = (*medium)->disc;
    if (!validate_disc_state(disc)) std::abort();
    std::vector<std::uint8_t> block(2352);
    for (const auto& t : disc.tracks) {
        for (std::uint32_t lba = t.start; lba < t.readable_end() && lba < t.start + 64; ++lba) {
            const bool ok = t.whole_sectors() ? (*medium)->store->read_audio(lba, block)
                                              : (*medium)->store->read(lba, std::span(block).first(2048));
            if (!ok) std::abort(); // a loaded track reads
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Directory dir;
    spindle::fuzz::FuzzInput in(data, size);
    const auto bytes = in.rest();
    for (const char* name : {"in.nrg", "in.mds"}) {
        std::ofstream(dir.path / name, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    check(load_nrg_image(dir.path / "in.nrg"));
    check(load_mds_image(dir.path / "in.mds"));
    return 0;
}
