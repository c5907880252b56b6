// Block transfers chunked by the transport's limits.
#include "recorder/disc_recorder_ex.hpp"

#include "recorder/page_buffer.hpp"

#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {
constexpr std::size_t block = 2048;
constexpr std::chrono::milliseconds write_timeout{200'000}; // libburn spc.h: WRITE 200 s
} // namespace

std::uint32_t DiscRecorderEx::max_transfer_for(const void* p) const {
    const TransferLimits l = transport_->limits();
    return is_aligned(p, l.page_size) ? l.max_page_aligned_transfer() : l.max_non_page_aligned_transfer();
}

Result<void> DiscRecorderEx::read_blocks(std::uint32_t lba, std::span<std::uint8_t> out) {
    if (out.size() % block != 0) return fail(hr::e_invalidarg, "a read covers whole 2048-byte blocks");
    std::size_t done = 0;
    while (done < out.size()) {
        // Each chunk starts where the last ended: alignment is judged per chunk.
        const auto chunk = out.subspan(done);
        const std::size_t max_blocks = std::min<std::size_t>(max_transfer_for(chunk.data()) / block, 0xFFFF);
        if (max_blocks == 0) return fail(hr::e_fail, "transfer limit below one block");
        const std::size_t n = std::min(chunk.size() / block, max_blocks);
        const auto cdb =
            scsi::cdb::read10(lba + static_cast<std::uint32_t>(done / block), static_cast<std::uint16_t>(n));
        auto got = run(cdb, Transfer{DataDirection::FromDevice, chunk.first(n * block), {}});
        if (!got) return std::unexpected(got.error());
        if (*got != n * block)
            return std::unexpected(
                Error(hr::invalid_response_from_device, fmt::format("READ returned {} of {} bytes", *got, n * block))
                    .with_cdb(cdb));
        done += n * block;
    }
    return {};
}

Result<void> DiscRecorderEx::write_blocks(std::uint32_t lba, std::span<const std::uint8_t> in,
                                          std::uint32_t write_unit) {
    if (in.size() % block != 0) return fail(hr::e_invalidarg, "a write covers whole 2048-byte blocks");
    if (write_unit == 0) return fail(hr::e_invalidarg, "write unit must be at least one block");
    std::size_t done = 0;
    while (done < in.size()) {
        const auto chunk = in.subspan(done);
        std::size_t max_blocks = std::min<std::size_t>(max_transfer_for(chunk.data()) / block, 0xFFFF);
        if (max_blocks >= write_unit) max_blocks -= max_blocks % write_unit; // whole ECC blocks per command
        if (max_blocks == 0) return fail(hr::e_fail, "transfer limit below one block");
        const std::size_t n = std::min(chunk.size() / block, max_blocks);
        const auto cdb =
            scsi::cdb::write10(lba + static_cast<std::uint32_t>(done / block), static_cast<std::uint16_t>(n));
        auto r = run(cdb, Transfer{DataDirection::ToDevice, {}, chunk.first(n * block), write_timeout});
        if (!r) return std::unexpected(r.error());
        done += n * block;
    }
    return {};
}

} // namespace spindle::recorder
