#include "recorder/page_buffer.hpp"
#include "recorder/transport/transfer_limits.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace spindle::recorder;

TEST_CASE("a page buffer starts on a page boundary, spans whole pages and is zeroed") {
    auto b = PageBuffer::allocate(10'000, 4096);
    REQUIRE(b);
    CHECK(is_aligned(b->data(), 4096));
    CHECK(b->size() == 10'000);
    CHECK(b->capacity() == 12'288);
    CHECK(std::ranges::all_of(std::span(b->data(), b->capacity()), [](std::uint8_t v) { return v == 0; }));
}

TEST_CASE("a page buffer uses the system page size by default") {
    auto b = PageBuffer::allocate(1);
    REQUIRE(b);
    CHECK(b->page_size() >= 4096);
    CHECK(is_aligned(b->data(), b->page_size()));
    CHECK(b->capacity() == b->page_size());
}

TEST_CASE("a page buffer refuses a zero size and a page size that is not a power of two") {
    CHECK(PageBuffer::allocate(0).error().hresult() == hr::e_invalidarg);
    CHECK(PageBuffer::allocate(16, 3000).error().hresult() == hr::e_invalidarg);
    CHECK(PageBuffer::allocate(SIZE_MAX - 10, 4096).error().hresult() == hr::e_outofmemory);
}

TEST_CASE("a moved page buffer leaves the source empty and keeps the memory") {
    auto b = PageBuffer::allocate(100, 4096);
    REQUIRE(b);
    b->span()[0] = 42;
    PageBuffer moved = std::move(*b);
    CHECK(b->empty());
    CHECK(b->data() == nullptr);
    CHECK(moved.span()[0] == 42);
}

TEST_CASE("transfer limits: page-aligned buffers get every segment, unaligned ones one page less") {
    TransferLimits l;
    l.max_hw_bytes = 1024 * 1024;
    l.max_segments = 128;
    l.page_size = 4096;
    CHECK(l.max_page_aligned_transfer() == 128 * 4096);
    CHECK(l.max_non_page_aligned_transfer() == 127 * 4096);
    l.max_hw_bytes = 256 * 1024; // the hardware limit wins when it is smaller
    CHECK(l.max_page_aligned_transfer() == 256 * 1024);
    CHECK(l.max_non_page_aligned_transfer() == 256 * 1024);
}

TEST_CASE("transfer chunks are whole blocks that fit the page-aligned limit") {
    TransferLimits l;
    l.max_hw_bytes = 120 * 1024;
    l.max_segments = 4096;
    CHECK(l.chunk_bytes(2048) == 120 * 1024);
    CHECK(l.chunk_bytes(32 * 1024) == 96 * 1024); // DVD ECC blocks
    CHECK(l.chunk_bytes(64 * 1024) == 64 * 1024); // BD clusters
}
