#pragma once
// Reads a fuzzer's bytes as a sequence of choices: numbers, byte strings, picks from a list.
// Running out is normal: a read past the end gives zeros or an empty string.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace spindle::fuzz {

class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size) : bytes_(data, size) {}

    bool empty() const { return pos_ >= bytes_.size(); }
    std::size_t remaining() const { return bytes_.size() - pos_; }

    std::uint8_t byte() { return empty() ? 0 : bytes_[pos_++]; }
    std::uint16_t u16() { // big-endian, as the CDBs the seeds hold
        const auto hi = byte();
        return static_cast<std::uint16_t>(hi << 8 | byte());
    }
    std::uint32_t u32() {
        const std::uint32_t hi = u16();
        return hi << 16 | u16();
    }
    // The next `n` bytes (fewer at the end).
    std::span<const std::uint8_t> take(std::size_t n) {
        n = std::min(n, remaining());
        auto s = bytes_.subspan(pos_, n);
        pos_ += n;
        return s;
    }
    std::span<const std::uint8_t> rest() { return take(remaining()); }
    std::string_view text(std::size_t n) {
        auto s = take(n);
        return {reinterpret_cast<const char*>(s.data()), s.size()};
    }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

} // namespace spindle::fuzz
