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
#include "fuzz_input.hpp"
#include "image_harness.hpp"

using namespace spindle;
using namespace spindle::fuzz;

namespace {

void write_mdf(const std::filesystem::path& dir) {
    std::vector<std::uint8_t> mdf(40 * 2448);
    for (std::size_t i = 0; i < mdf.size(); ++i) mdf[i] = static_cast<std::uint8_t>(i * 7);
    write_input(dir / "in.mdf", mdf);
}

void check(const std::expected<std::unique_ptr<Medium>, std::string>& medium) {
    if (medium) check_loaded(**medium);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchDirectory dir("spindle-fuzz-binary-XXXXXX", write_mdf);
    const auto bytes = FuzzInput(data, size).rest();
    for (const char* name : {"in.nrg", "in.mds"}) write_input(dir.path / name, bytes);
    check(load_nrg_image(dir.path / "in.nrg"));
    check(load_mds_image(dir.path / "in.mds"));
    return 0;
}
