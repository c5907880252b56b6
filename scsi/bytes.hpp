#pragma once
// Big-endian field access for CDBs, parameter lists and responses. Every multi-byte field
// goes through Boost.Endian; bounds are checked by std::span::subspan in debug builds.
#include <boost/endian/conversion.hpp>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace spindle::scsi {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

inline std::uint16_t get_be16(ByteView b, std::size_t at) {
    return boost::endian::load_big_u16(b.subspan(at, 2).data());
}
inline std::uint32_t get_be24(ByteView b, std::size_t at) {
    return boost::endian::load_big_u24(b.subspan(at, 3).data());
}
inline std::uint32_t get_be32(ByteView b, std::size_t at) {
    return boost::endian::load_big_u32(b.subspan(at, 4).data());
}
inline std::uint64_t get_be64(ByteView b, std::size_t at) {
    return boost::endian::load_big_u64(b.subspan(at, 8).data());
}
inline void put_be16(MutableByteView b, std::size_t at, std::uint16_t v) {
    boost::endian::store_big_u16(b.subspan(at, 2).data(), v);
}
inline void put_be24(MutableByteView b, std::size_t at, std::uint32_t v) {
    boost::endian::store_big_u24(b.subspan(at, 3).data(), v);
}
inline void put_be32(MutableByteView b, std::size_t at, std::uint32_t v) {
    boost::endian::store_big_u32(b.subspan(at, 4).data(), v);
}
inline void put_be64(MutableByteView b, std::size_t at, std::uint64_t v) {
    boost::endian::store_big_u64(b.subspan(at, 8).data(), v);
}

// Bit-field access: `width` bits whose least significant bit is `shift` within byte `at`.
constexpr std::uint8_t get_bits(ByteView b, std::size_t at, unsigned shift, unsigned width) {
    return static_cast<std::uint8_t>((unsigned{b[at]} >> shift) & ((1u << width) - 1u));
}
constexpr bool get_bit(ByteView b, std::size_t at, unsigned bit) { return ((unsigned{b[at]} >> bit) & 1u) != 0; }
constexpr void put_bits(MutableByteView b, std::size_t at, unsigned shift, unsigned width, unsigned v) {
    const unsigned mask = ((1u << width) - 1u) << shift;
    b[at] = static_cast<std::uint8_t>((unsigned{b[at]} & ~mask) | ((v << shift) & mask));
}
constexpr void put_bit(MutableByteView b, std::size_t at, unsigned bit, bool v) {
    put_bits(b, at, bit, 1, v ? 1u : 0u);
}

// Appends big-endian fields to a growing response.
class ByteWriter {
public:
    explicit ByteWriter(Bytes& out) : out_(out) {}
    ByteWriter& u8(std::uint8_t v) {
        out_.push_back(v);
        return *this;
    }
    ByteWriter& be16(std::uint16_t v) {
        grow(2);
        put_be16(out_, out_.size() - 2, v);
        return *this;
    }
    ByteWriter& be24(std::uint32_t v) {
        grow(3);
        put_be24(out_, out_.size() - 3, v);
        return *this;
    }
    ByteWriter& be32(std::uint32_t v) {
        grow(4);
        put_be32(out_, out_.size() - 4, v);
        return *this;
    }
    ByteWriter& bytes(ByteView v) {
        out_.insert(out_.end(), v.begin(), v.end());
        return *this;
    }
    ByteWriter& zeros(std::size_t n) {
        out_.insert(out_.end(), n, 0);
        return *this;
    }
    // Fixed-width ASCII field, space padded, as INQUIRY and VPD strings are.
    ByteWriter& ascii(std::string_view s, std::size_t width) {
        for (std::size_t i = 0; i < width; ++i) out_.push_back(i < s.size() ? static_cast<std::uint8_t>(s[i]) : ' ');
        return *this;
    }
    std::size_t size() const { return out_.size(); }

private:
    void grow(std::size_t n) { out_.resize(out_.size() + n); }
    Bytes& out_;
};

} // namespace spindle::scsi
