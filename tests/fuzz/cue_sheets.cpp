// Cue sheets (images/cue_image.hpp): any text as a sheet, beside two files it may name, "a.bin"
// (30 blocks of 2352 bytes, 2048 more than a whole number of 2048-byte sectors would need)
// and "b.wav" (a WAV of 10 blocks).
//
// An input: the sheet's text, all of it.
// Invariants: a sheet that loads is a disc a drive may keep (the loader checks it with
// validate_disc_state: its own bug if that fails, so it aborts here) whose every block in a
// track reads; its export (images/cue_export.hpp) loads again as the same tracks: the same
// sessions, starts, sizes and modes.
#include "emulator/images/cue_export.hpp"
#include "emulator/images/cue_image.hpp"
#include "fuzz_input.hpp"
#include "image_harness.hpp"

using namespace spindle;
using namespace spindle::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ScratchDirectory dir("spindle-fuzz-cue-XXXXXX", write_sheet_files);
    check_descriptor(dir.path, "cue", FuzzInput(data, size).rest(), load_cue_image, export_cue);
    return 0;
}
