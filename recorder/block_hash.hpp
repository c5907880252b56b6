#pragma once
// A fast 64-bit checksum of what is written and what is read back (verify). Four lanes with
// xxHash64's round and merge steps, fed in any pieces: the same bytes give the same value
// however they are split. It detects changed data; it is not a cryptographic hash.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace spindle::recorder {

class BlockHash {
public:
    BlockHash();
    void update(std::span<const std::uint8_t> bytes);
    std::uint64_t digest() const;
    std::uint64_t length() const { return length_; }

private:
    void stripe(const std::uint8_t* p);

    std::array<std::uint64_t, 4> lanes_;
    std::array<std::uint8_t, 32> tail_{};
    std::size_t tail_size_ = 0;
    std::uint64_t length_ = 0;
};

} // namespace spindle::recorder
