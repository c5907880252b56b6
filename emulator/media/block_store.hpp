#pragma once
// Where a medium's user data lives: 2048-byte blocks addressed by LBA. Implementations keep it
// in a sparse image file, so memory use does not depend on the size of the disc. CD-DA blocks
// (audio tracks) have no user data of 2048 bytes: their 2352 bytes are kept apart, by LBA too,
// and so are the whole 2352-byte sectors of CD Mode 2 tracks (media/cd_blocks.hpp), and the
// R-W sub-channels of CD blocks a host recorded them for (media/cd_subchannel.hpp).
#include <cstdint>
#include <optional>
#include <span>

namespace spindle {

class BlockStore {
public:
    static constexpr std::uint32_t block_size = 2048;
    virtual ~BlockStore() = default;
    // `out.size()` bytes from byte lba * block_size on (a READ may end inside a block when the
    // initiator's buffer does). Both return false on an I/O error (a medium error to the
    // initiator).
    virtual bool read(std::uint32_t lba, std::span<std::uint8_t> out) = 0;
    virtual bool write(std::uint32_t lba, std::span<const std::uint8_t> in) = 0;
    virtual bool flush() = 0;
    // The open file holding the user data at lba * block_size, for a target that lets another
    // process read the disc directly (mmc-emu exec); -1 when the data is not in one such file.
    virtual int data_fd() const { return -1; }

    static constexpr std::uint32_t audio_block_size = 2352;
    // CD-DA blocks (or whole Mode 2 sectors), `out.size()` bytes from byte lba * audio_block_size on. A store without a
    // place for audio (a ROM image) fails both.
    virtual bool read_audio(std::uint32_t /*lba*/, std::span<std::uint8_t> /*out*/) { return false; }
    virtual bool write_audio(std::uint32_t /*lba*/, std::span<const std::uint8_t> /*in*/) { return false; }

    // Where `blocks` blocks from `lba` lie back to back in one open file, as read() (`whole`:
    // read_audio()) returns them, for a copy that never passes through memory (copy_file_range):
    // its descriptor and the first block's offset. Nothing where they do not.
    struct FileRun {
        int fd;
        std::uint64_t offset;
    };
    virtual std::optional<FileRun> file_run(std::uint32_t /*lba*/, std::uint32_t /*blocks*/, bool /*whole*/) const {
        return std::nullopt;
    }

    static constexpr std::uint32_t rw_block_size = 96;
    // The R-W sub-channels of CD blocks as recorded, 96 bytes a block (R-W in bits 5-0, P and Q
    // bits zero), `out.size()` bytes from byte lba * rw_block_size on; never written: zeros.
    virtual bool read_rw(std::uint32_t /*lba*/, std::span<std::uint8_t> /*out*/) { return false; }
    virtual bool write_rw(std::uint32_t /*lba*/, std::span<const std::uint8_t> /*in*/) { return false; }
};

} // namespace spindle
