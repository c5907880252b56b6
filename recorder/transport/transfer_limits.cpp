#include "recorder/transport/transfer_limits.hpp"

#include <algorithm>

namespace spindle::recorder {

std::uint32_t TransferLimits::max_page_aligned_transfer() const {
    if (max_segments == 0 || page_size == 0) return max_hw_bytes;
    const std::uint64_t by_segments = std::uint64_t{max_segments} * page_size;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(max_hw_bytes, by_segments));
}

std::uint32_t TransferLimits::max_non_page_aligned_transfer() const {
    if (max_segments == 0 || page_size == 0) return max_hw_bytes;
    const std::uint64_t by_segments = std::uint64_t{max_segments - 1} * page_size;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(max_hw_bytes, by_segments));
}

std::uint32_t TransferLimits::chunk_bytes(std::uint32_t block) const {
    const std::uint32_t max = max_page_aligned_transfer();
    if (block == 0 || max < block) return block;
    return max - max % block;
}

} // namespace spindle::recorder
