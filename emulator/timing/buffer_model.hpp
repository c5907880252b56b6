#pragma once
// The drive's write buffer: data accepted from the host and not yet on the disc. READ BUFFER
// CAPACITY reports it. Nothing writes yet, so it stays empty; the writer fills it and the
// speed model drains it.
#include <algorithm>
#include <cstdint>

namespace spindle::timing {

class BufferModel {
public:
    explicit BufferModel(std::uint32_t capacity_bytes = 0) : capacity_(capacity_bytes) {}

    std::uint32_t capacity_bytes() const { return capacity_; }
    std::uint32_t used_bytes() const { return used_; }
    std::uint32_t available_bytes() const { return capacity_ - used_; }

    // Accepts up to `bytes`; returns how many fitted.
    std::uint32_t fill(std::uint32_t bytes) {
        const auto n = std::min(bytes, available_bytes());
        used_ += n;
        return n;
    }
    // Moves up to `bytes` to the disc; returns how many left the buffer.
    std::uint32_t drain(std::uint32_t bytes) {
        const auto n = std::min(bytes, used_);
        used_ -= n;
        return n;
    }
    void clear() { used_ = 0; }

private:
    std::uint32_t capacity_;
    std::uint32_t used_ = 0;
};

} // namespace spindle::timing
