#pragma once
// A disc served straight from the files of a disc image (a cue sheet's BIN and WAVE files):
// read-only, nothing copied, so a large image loads at once and in constant memory. Each run
// of sectors (an extent) lives in one file at a byte offset, in the sector size of its track;
// the store reads each block in the form the drive asks for: 2048 bytes of user data (Mode 1,
// or an XA Form 1 sector's), or the whole 2352-byte sector (CD-DA, Mode 2). Blocks no extent
// holds (a PREGAP the image does not store) read as zeros.
#include "emulator/media/block_store.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace spindle {

// How an image stores the sectors of a run.
enum class ImageSectors : std::uint8_t {
    Mode1User,    // 2048 bytes: the user data of Mode 1 sectors (MODE1/2048)
    Mode1Raw,     // 2352 bytes: whole Mode 1 sectors (MODE1/2352)
    Mode2After,   // 2336 bytes: Mode 2 sectors after their header (MODE2/2336)
    Mode2Raw,     // 2352 bytes: whole Mode 2 sectors (MODE2/2352)
    Audio,        // 2352 bytes: CD-DA, samples little-endian (BINARY, WAVE)
    AudioSwapped, // 2352 bytes: CD-DA, samples big-endian (MOTOROLA)
    Form1User     // 2048 bytes: the user data of CD-ROM XA Form 1 sectors (Nero's Mode 2 Form 1)
};
std::uint32_t image_sector_bytes(ImageSectors s);

struct ImageExtent {
    std::uint32_t first_lba = 0;
    std::uint32_t blocks = 0;
    std::shared_ptr<FileDescriptor> file;
    std::uint64_t offset = 0; // of the first sector in the file
    ImageSectors sectors = ImageSectors::Mode1User;
    // Bytes after each sector that are not part of it: the 96 of P-W sub-channel an NRG or MDF
    // stores after each 2352-byte sector (2448 in all; sub_file may point at them).
    std::uint32_t trailing = 0;
    // Where the image keeps the P-W sub-channels of these blocks, 96 bytes a block `sub_stride`
    // bytes apart from `sub_offset` in `sub_file` (none: R-W read as zeros), one channel after
    // the other (`sub_by_channel`, CloneCD's .sub) or one byte a symbol (media/pw_channels.hpp).
    // read_rw() serves their R-W; P and Q a drive makes from the layout.
    std::shared_ptr<FileDescriptor> sub_file{};
    std::uint64_t sub_offset = 0;
    std::uint32_t sub_stride = 96;
    bool sub_by_channel = true;
};

class ExtentStore final : public BlockStore {
public:
    // `extents` in LBA order, not overlapping, each within its file.
    explicit ExtentStore(std::vector<ImageExtent> extents) : extents_(std::move(extents)) {}
    bool read(std::uint32_t lba, std::span<std::uint8_t> out) override;
    bool write(std::uint32_t, std::span<const std::uint8_t>) override { return false; }
    bool flush() override { return true; }
    bool read_audio(std::uint32_t lba, std::span<std::uint8_t> out) override;
    std::optional<FileRun> file_run(std::uint32_t lba, std::uint32_t blocks, bool whole) const override;
    bool read_rw(std::uint32_t lba, std::span<std::uint8_t> out) override;
    const std::vector<ImageExtent>& extents() const { return extents_; }

private:
    // Block `lba` in the form `whole` (2352 bytes) or user data (2048) into `out` (that size).
    bool read_block(std::uint32_t lba, bool whole, std::span<std::uint8_t> out) const;
    std::vector<ImageExtent> extents_;
};

} // namespace spindle
