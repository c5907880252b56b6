#pragma once
// How much one command may move, and how a buffer must be aligned for the kernel to map it
// without a bounce copy. Derived from the kernel's own limits (see sgio_limits.cpp):
//
//   max_hw_bytes     queue/max_hw_sectors_kb * 1024. SG_IO on a block node fails with EIO
//                    above it (block/scsi_ioctl.c sg_io), and pass-through requests are
//                    capped by max_hw_sectors, not max_sectors (blk_rq_get_max_sectors).
//   max_segments     queue/max_segments: how many scatter/gather entries one request takes.
//   page-aligned     min(max_hw_bytes, max_segments * page_size): a page-aligned buffer
//                    spans exactly size/page_size pages.
//   non-page-aligned min(max_hw_bytes, (max_segments - 1) * page_size): an unaligned buffer
//                    may touch one more page than its length suggests — the same rule
//                    Windows applies to STORAGE_ADAPTER_DESCRIPTOR.MaximumPhysicalPages.
//   alignment_mask   queue/dma_alignment (blk default 511): address and length with no bits
//                    of the mask set are mapped zero-copy (block/blk-map.c); others are
//                    bounce-copied, which is slower but not an error on /dev/srN.
#include <cstdint>
#include <string>

namespace spindle::recorder {

struct TransferLimits {
    std::uint32_t max_hw_bytes = 512 * 1024;      // queue/max_hw_sectors_kb * 1024
    std::uint32_t max_sectors_bytes = 512 * 1024; // queue/max_sectors_kb * 1024 (file-system I/O only)
    std::uint32_t max_segments = 128;             // queue/max_segments
    std::uint32_t max_segment_size = 65536;       // queue/max_segment_size
    std::uint32_t alignment_mask = 511;           // queue/dma_alignment
    std::uint32_t page_size = 4096;               // sysconf(_SC_PAGESIZE)
    std::uint32_t sg_reserved_bytes = 0;          // SG_GET_RESERVED_SIZE, 0 when unknown
    std::string bus = "unknown";                  // "emulated", "scsi", "ata", "usb" ...
    std::string source = "defaults";              // where the numbers came from, for `discrec info`

    std::uint32_t max_page_aligned_transfer() const;
    std::uint32_t max_non_page_aligned_transfer() const;
    // The largest transfer that is a multiple of `block` bytes and fits a page-aligned buffer.
    std::uint32_t chunk_bytes(std::uint32_t block) const;
};

} // namespace spindle::recorder
