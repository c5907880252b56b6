// cdrdao toc files (images/toc_image.hpp): any text as a toc, beside two files it may name,
// "a.bin" (30 blocks of 2352 bytes and 2048 more) and "b.wav" (a WAV of 10 blocks).
//
// An input: the toc's text, all of it.
// Invariants: a toc that loads is a disc a drive may keep (the loader checks it with
// validate_disc_state: its own bug if that fails, so it aborts here) whose every block in a
// track reads; its export (images/toc_export.hpp) loads again as the same tracks: the same
// sessions, starts, sizes and modes.
#include "emulator/images/toc_export.hpp"
#include "emulator/images/toc_image.hpp"
#include "fuzz_input.hpp"
#include "image_harness.hpp"

using namespace spindle;
using namespace spindle::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchDirectory dir("spindle-fuzz-toc-XXXXXX", write_sheet_files);
    check_descriptor(dir.path, "toc", FuzzInput(data, size).rest(), load_toc_image, export_toc);
    return 0;
}
