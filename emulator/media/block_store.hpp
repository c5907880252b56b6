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
    // Both return false on an I/O error (reported to the initiator as a medium error).
    virtual bool read(std::uint32_t lba, std::span<std::uint8_t> out) = 0;
    virtual bool write(std::uint32_t lba, std::span<const std::uint8_t> in) = 0;
    virtual bool flush() = 0;
};

} // namespace spindle
