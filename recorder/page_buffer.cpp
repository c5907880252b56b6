#include "recorder/page_buffer.hpp"

#include "recorder/transport/syscalls.hpp"

#include <bit>
#include <cstring>
#include <new>
#include <utility>

namespace spindle::recorder {

Result<PageBuffer> PageBuffer::allocate(std::size_t size, std::size_t page_size) {
    if (page_size == 0) page_size = real_syscalls().page_size();
    if (size == 0) return fail(hr::e_invalidarg, "a page buffer needs at least one byte");
    if (!std::has_single_bit(page_size)) return fail(hr::e_invalidarg, "page size must be a power of two");
    if (size > SIZE_MAX - page_size) return fail(hr::e_outofmemory, "page buffer size overflows");
    const std::size_t capacity = (size + page_size - 1) / page_size * page_size;
    void* p = ::operator new (capacity, std::align_val_t{page_size}, std::nothrow);
    if (p == nullptr) return fail(hr::e_outofmemory, "page buffer allocation failed");
    std::memset(p, 0, capacity);
    PageBuffer b;
    b.data_ = static_cast<std::uint8_t*>(p);
    b.size_ = size;
    b.capacity_ = capacity;
    b.page_size_ = page_size;
    return b;
}

PageBuffer::PageBuffer(PageBuffer&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)),
      capacity_(std::exchange(o.capacity_, 0)), page_size_(std::exchange(o.page_size_, 0)) {}

PageBuffer& PageBuffer::operator=(PageBuffer&& o) noexcept {
    if (this != &o) {
        release();
        data_ = std::exchange(o.data_, nullptr);
        size_ = std::exchange(o.size_, 0);
        capacity_ = std::exchange(o.capacity_, 0);
        page_size_ = std::exchange(o.page_size_, 0);
    }
    return *this;
}

PageBuffer::~PageBuffer() { release(); }

void PageBuffer::release() {
    if (data_ != nullptr) ::operator delete (data_, std::align_val_t{page_size_}, std::nothrow);
    data_ = nullptr;
}

bool is_aligned(const void* p, std::size_t alignment) {
    return alignment == 0 || (reinterpret_cast<std::uintptr_t>(p) & (alignment - 1)) == 0;
}

} // namespace spindle::recorder
