// IDiscRecorder2Ex: MODE SENSE(10) / MODE SELECT(10).
#include "recorder/disc_recorder_ex.hpp"

#include "recorder/task_memory.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_mode.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {
using scsi::get_be16;

constexpr std::size_t mode_header = 8; // SPC-4 table 362, the (10) mode parameter header
constexpr std::uint8_t all_pages = 0x3F;

bool valid_request_type(ModePageRequestType t) { return static_cast<std::uint8_t>(t) <= 3; }

// The pages after the header and block descriptors; nullopt when the layout is inconsistent.
std::optional<std::vector<std::span<const std::uint8_t>>> split_pages(std::span<const std::uint8_t> answer) {
    if (answer.size() < mode_header) return std::nullopt;
    const std::size_t descriptors = get_be16(answer, 6);
    if (mode_header + descriptors > answer.size()) return std::nullopt;
    std::vector<std::span<const std::uint8_t>> pages;
    std::size_t at = mode_header + descriptors;
    while (at < answer.size()) {
        if (answer.size() - at < 2) return std::nullopt;
        // SPF (byte 0 bit 6) pages have a 4-byte header with a 2-byte length (SPC-4 7.5.7).
        const bool sub = (answer[at] & 0x40) != 0;
        if (sub && answer.size() - at < 4) return std::nullopt;
        const std::size_t len = sub ? 4 + std::size_t{get_be16(answer, at + 2)} : 2 + std::size_t{answer[at + 1]};
        if (answer.size() - at < len) return std::nullopt;
        pages.push_back(answer.subspan(at, len));
        at += len;
    }
    return pages;
}
} // namespace

Result<Bytes> DiscRecorderEx::mode_sense(std::uint8_t page, ModePageRequestType type) {
    // MODE SENSE(10) (SPC-4 table 100): DBD=1, PC in byte 2 bits 7-6; the header's mode data
    // length counts the bytes after itself.
    return read_variable(
        [&](std::uint32_t n) {
            return scsi::cdb::mode_sense10(page, static_cast<scsi::cdb::PageControl>(type),
                                           static_cast<std::uint16_t>(n));
        },
        mode_header, 0xFFFF, [](std::span<const std::uint8_t> h) { return std::size_t{get_be16(h, 0)} + 2; });
}

Result<Bytes> DiscRecorderEx::get_mode_page(ModePageType page, ModePageRequestType type) {
    if (!valid_request_type(type))
        return fail(hr::e_invalidarg, "request type must be current, changeable, default or saved");
    if (page >= all_pages) return fail(hr::e_invalidarg, fmt::format("mode page {:02X}h is not one page", page));
    auto answer = mode_sense(page, type);
    if (!answer) return std::unexpected(answer.error());
    auto pages = split_pages(*answer);
    if (!pages) return fail(hr::invalid_response_from_device, "mode data overruns its header");
    if (pages->empty()) return fail(hr::no_such_mode_page, fmt::format("page {:02X}h: no page in the answer", page));
    const auto p = pages->front();
    if ((p[0] & 0x3F) != page)
        return fail(hr::invalid_response_from_device,
                    fmt::format("asked for page {:02X}h, got {:02X}h", page, p[0] & 0x3F));
    return Bytes(p.begin(), p.end());
}

HResult DiscRecorderEx::get_mode_page(ModePageType page, ModePageRequestType type, std::uint8_t** mode_page_data,
                                      std::uint32_t* byte_size, Error* error) {
    auto failed_with = [&](Error e) {
        const HResult hr = e.hresult();
        if (error != nullptr) *error = std::move(e);
        return hr;
    };
    if (mode_page_data == nullptr || byte_size == nullptr)
        return failed_with(Error(hr::e_pointer, "modePageData and byteSize must not be null"));
    *mode_page_data = nullptr;
    *byte_size = 0;
    auto bytes = get_mode_page(page, type);
    if (!bytes) return failed_with(bytes.error());
    auto* out = static_cast<std::uint8_t*>(task_mem_alloc(bytes->size()));
    if (out == nullptr)
        return failed_with(Error(hr::e_outofmemory, fmt::format("{} bytes for the page", bytes->size())));
    std::ranges::copy(*bytes, out);
    *mode_page_data = out;
    *byte_size = static_cast<std::uint32_t>(bytes->size());
    return hr::s_ok;
}

Result<void> DiscRecorderEx::set_mode_page(ModePageRequestType type, std::span<const std::uint8_t> page) {
    if (page.data() == nullptr && !page.empty()) return fail(hr::e_pointer, "no page data");
    if (type != ModePageRequestType::Current && type != ModePageRequestType::Saved)
        return fail(hr::e_invalidarg, "only current or saved values can be set");
    if (page.size() < 2 || std::size_t{page[1]} + 2 != page.size())
        return fail(hr::e_invalidarg, "page data must be one whole page (page length byte + 2 bytes)");
    // MODE SELECT(10) (SPC-4 table 98): PF=1, SP for saved values; a zeroed header with no
    // block descriptors, then the page with PS cleared (reserved in MODE SELECT).
    Bytes list(mode_header + page.size(), 0);
    std::ranges::copy(page, list.begin() + mode_header);
    list[mode_header] &= 0x7F;
    const auto c =
        scsi::cdb::mode_select10(static_cast<std::uint16_t>(list.size()), type == ModePageRequestType::Saved);
    auto r = run(c, Transfer{DataDirection::ToDevice, {}, list});
    if (!r) return std::unexpected(r.error());
    return {};
}

Result<std::vector<ModePageType>> DiscRecorderEx::get_supported_mode_pages(ModePageRequestType type) {
    if (!valid_request_type(type))
        return fail(hr::e_invalidarg, "request type must be current, changeable, default or saved");
    auto answer = mode_sense(all_pages, type);
    if (!answer) return std::unexpected(answer.error());
    auto pages = split_pages(*answer);
    if (!pages) return fail(hr::invalid_response_from_device, "mode data overruns its header");
    std::vector<ModePageType> out;
    for (auto p : *pages) out.push_back(static_cast<ModePageType>(p[0] & 0x3F));
    return out;
}

} // namespace spindle::recorder
