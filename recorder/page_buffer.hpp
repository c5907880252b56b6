#pragma once
// A zeroed buffer that starts on a page boundary and spans whole pages (as
// IWMSBufferAllocator::AllocatePageSizeBuffer gives one). The kernel maps such a buffer for
// SG_IO without a bounce copy (block/blk-map.c) and it qualifies for
// GetMaximumPageAlignedTransferSize.
#include "recorder/error.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace spindle::recorder {

class PageBuffer {
public:
    // `size` bytes usable, rounded up to whole pages of `page_size` (0: the system's).
    // E_INVALIDARG for size 0 or a page size that is not a power of two; E_OUTOFMEMORY.
    static Result<PageBuffer> allocate(std::size_t size, std::size_t page_size = 0);

    PageBuffer() = default;
    PageBuffer(PageBuffer&& o) noexcept;
    PageBuffer& operator=(PageBuffer&& o) noexcept;
    PageBuffer(const PageBuffer&) = delete;
    PageBuffer& operator=(const PageBuffer&) = delete;
    ~PageBuffer();

    std::uint8_t* data() { return data_; }
    const std::uint8_t* data() const { return data_; }
    std::size_t size() const { return size_; }         // as requested
    std::size_t capacity() const { return capacity_; } // whole pages
    std::size_t page_size() const { return page_size_; }
    std::span<std::uint8_t> span() { return {data_, size_}; }
    std::span<const std::uint8_t> span() const { return {data_, size_}; }
    bool empty() const { return size_ == 0; }

private:
    void release();

    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
    std::size_t page_size_ = 0;
};

// True when `p` starts on a boundary of `alignment` (a power of two).
bool is_aligned(const void* p, std::size_t alignment);

} // namespace spindle::recorder
