#pragma once
// What the loaders of binary descriptors (images/nrg_image, images/mds_image) share: a file's
// bytes read into memory, integers read from them in either byte order, and refusals that name
// the file, the byte offset and what was expected.
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spindle {

// `n` bytes from byte `at` of the file open at `fd`, `name` in messages: all of them or a refusal.
std::expected<std::vector<std::uint8_t>, std::string> read_bytes_at(int fd, std::uint64_t at, std::size_t n,
                                                                    const std::string& name);

// The size of the file open at `fd`.
std::expected<std::uint64_t, std::string> file_size_of(int fd, const std::string& name);

// "NAME: byte AT: WHAT".
std::string refusal_at(const std::string& name, std::uint64_t at, std::string_view what);

// The unsigned integer of `width` bytes (up to 8) at `at`, most or least significant byte first.
// The caller has checked that the bytes are there.
inline std::uint64_t big_endian(std::span<const std::uint8_t> bytes, std::size_t at, std::size_t width) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = (v << 8) | bytes[at + i];
    return v;
}
inline std::uint64_t little_endian(std::span<const std::uint8_t> bytes, std::size_t at, std::size_t width) {
    std::uint64_t v = 0;
    for (std::size_t i = width; i-- > 0;) v = (v << 8) | bytes[at + i];
    return v;
}

// Whether [at, at + n) lies within `size` bytes, without overflow.
inline bool within(std::uint64_t at, std::uint64_t n, std::uint64_t size) { return at <= size && n <= size - at; }

} // namespace spindle
