#pragma once
// Where a medium's user data lives: 2048-byte blocks addressed by LBA. Implementations keep it
// in a sparse image file, so memory use does not depend on the size of the disc.
#include <cstdint>
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
};

} // namespace spindle
