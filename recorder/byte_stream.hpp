#pragma once
// What DataWriter writes: IMAPI2's IStream, reduced to what a burn needs. A stream knows its
// size when it can (a file, a buffer) and not when it cannot (a pipe, stdin).
#include "recorder/error.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace spindle::recorder {

class ByteStream {
public:
    virtual ~ByteStream() = default;
    // Fills `out` as far as the stream goes; fewer bytes only at its end (0: the end).
    virtual Result<std::size_t> read(std::span<std::uint8_t> out) = 0;
    // Total bytes, when known before reading.
    virtual std::optional<std::uint64_t> size() const = 0;
};

// A file by path ("-" is stdin); the size is known for regular files.
Result<std::unique_ptr<ByteStream>> open_file_stream(const std::string& path);
// A file descriptor the caller keeps open.
std::unique_ptr<ByteStream> fd_stream(int fd, std::optional<std::uint64_t> size = std::nullopt);
// Bytes in memory (tests).
std::unique_ptr<ByteStream> memory_stream(std::vector<std::uint8_t> bytes);
// `size` bytes of a pattern that depends on `seed`, made as it is read: an image for the demo,
// tests and benchmarks without a file. Byte i of block b is the same for the same seed.
std::unique_ptr<ByteStream> pattern_stream(std::uint64_t size, std::uint32_t seed = 1);
// The pattern_stream bytes at [offset, offset + out.size()).
void fill_pattern(std::span<std::uint8_t> out, std::uint64_t offset, std::uint32_t seed);

} // namespace spindle::recorder
