// CloneCD descriptors (images/ccd_image.hpp): any text as a .ccd, beside the .img and .sub it
// names by its own name: 40 Mode 1 sectors (LBA 0 to 39), then 30 blocks of audio, and their
// P-W with R-W of a pattern.
//
// An input: the descriptor's text, all of it.
// Invariants: a descriptor that loads is a disc a drive may keep (the loader checks it with
// validate_disc_state: its own bug if that fails, so it aborts here) whose every block in a
// track reads, R-W included; its export (images/ccd_export.hpp) loads again as the same tracks:
// the same sessions, starts, sizes and modes.
#include "emulator/images/ccd_export.hpp"
#include "emulator/images/ccd_image.hpp"
#include "emulator/media/cd_sector.hpp"
#include "fuzz_input.hpp"
#include "image_harness.hpp"

using namespace spindle;
using namespace spindle::fuzz;

namespace {

// "in.img" and "in.sub", which "in.ccd" names.
void write_image_files(const std::filesystem::path& dir) {
    constexpr std::int32_t data_blocks = 40, audio_blocks = 30;
    std::vector<std::uint8_t> img;
    cd::RawSector sector{};
    const std::vector<std::uint8_t> user(cd::user_bytes, 0x5A);
    for (std::int32_t lba = 0; lba < data_blocks; ++lba) {
        cd::encode_mode1(lba, user, sector);
        img.insert(img.end(), sector.begin(), sector.end());
    }
    img.insert(img.end(), std::size_t{audio_blocks} * cd::raw_sector_bytes, 0x21);
    write_input(dir / "in.img", img);
    std::vector<std::uint8_t> sub(std::size_t{data_blocks + audio_blocks} * 96, 0);
    for (std::size_t i = 0; i < sub.size(); ++i)
        if (i % 96 >= 24) sub[i] = static_cast<std::uint8_t>(i * 7);
    write_input(dir / "in.sub", sub);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchDirectory dir("spindle-fuzz-ccd-XXXXXX", write_image_files);
    check_descriptor(dir.path, "ccd", FuzzInput(data, size).rest(), load_ccd_image, export_ccd, true);
    return 0;
}
