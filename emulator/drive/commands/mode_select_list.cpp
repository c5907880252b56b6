// MODE SELECT(6)/(10) (SPC-4 6.9, 6.10): the parameter list is the mode parameter header
// (SPC-4 7.5.5), no block descriptors (MMC-6 7.2), then whole pages in page_0 format. Every
// page is validated before any is applied, so a bad list changes nothing.
#include "emulator/drive/commands/mode_parameter_lists.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/mode_page_checks.hpp"
#include "scsi/cdb_mode.hpp"

#include <bit>
#include <expected>
#include <utility>
#include <vector>

namespace spindle::mode {

namespace {

using scsi::SenseData;
namespace asc = scsi::asc;

using Staged = std::vector<std::pair<std::uint8_t, scsi::Bytes>>;

// Where the block descriptor length field starts in each header (SPC-4 7.5.5).
constexpr std::uint16_t block_descriptor_length_byte(HeaderKind k) { return k == HeaderKind::Six ? 3 : 6; }

// Page byte 0 (SPC-4 7.5.7, page_0 format): PS (bit 7, reserved in MODE SELECT), SPF, code.
constexpr unsigned spf_bit = 6;
constexpr std::uint8_t page_code_msb = 5;
constexpr std::size_t page_header_length = 2;

SenseData length_error() { return scsi::sense::illegal_request(asc::parameter_list_length_error); }

// 5/26/xx naming byte `at` of the parameter list.
SenseData bad_field(std::size_t at, std::optional<std::uint8_t> bit = std::nullopt,
                    scsi::Asc code = asc::invalid_field_in_parameter_list) {
    return scsi::sense::invalid_field_in_parameter_list(static_cast<std::uint16_t>(at), bit, code);
}

// A value changed outside the changeable mask: 5/26/00 INVALID FIELD IN PARAMETER LIST (SPC-4
// 6.11.1 names that code for a field reported as not changeable set to a value other than its
// current one) naming the byte, and the bit when exactly one bit of the byte is wrong.
SenseData unchangeable(std::size_t at, std::uint8_t wrong_bits) {
    std::optional<std::uint8_t> bit;
    if (std::popcount(wrong_bits) == 1) bit = static_cast<std::uint8_t>(std::countr_zero(wrong_bits));
    return bad_field(at, bit);
}

// Checks the page starting at list[at] against the drive's page and returns its new stored
// values (only changeable bits taken from the list) and its size in the list.
std::expected<std::pair<scsi::Bytes, std::size_t>, SenseData> validate_page(const DriveState& s, scsi::ByteView list,
                                                                            std::size_t at) {
    if (list.size() - at < page_header_length) return std::unexpected(length_error());
    const std::uint8_t code = scsi::get_bits(list, at, 0, 6);
    if (scsi::get_bit(list, at, spf_bit)) return std::unexpected(bad_field(at, spf_bit));
    if (!s.mode_pages.has(code)) return std::unexpected(bad_field(at, page_code_msb));

    // Compared with the page as MODE SENSE reports it, so a page read and sent back as it
    // was (state-following fields included) is accepted.
    const scsi::Bytes reported = reported_page(s, code, PageControl::Current);
    const scsi::Bytes& mask = *s.mode_pages.page(code, PageControl::Changeable);
    const scsi::Bytes& stored = *s.mode_pages.page(code, PageControl::Current);
    if (list[at + 1] + page_header_length != reported.size()) return std::unexpected(bad_field(at + 1));
    const std::size_t size = reported.size();
    if (list.size() - at < size) return std::unexpected(length_error());

    const auto page = list.subspan(at, size);
    scsi::Bytes updated = stored;
    for (std::size_t i = page_header_length; i < size; ++i) {
        const std::uint8_t changeable = i < mask.size() ? mask[i] : 0;
        const auto wrong = static_cast<std::uint8_t>((page[i] ^ reported[i]) & ~changeable);
        if (wrong != 0) return std::unexpected(unchangeable(at + i, wrong));
        updated[i] = static_cast<std::uint8_t>((stored[i] & ~changeable) | (page[i] & changeable));
    }
    if (auto check = page_check(code))
        if (auto e = check(s, page, static_cast<std::uint16_t>(at))) return std::unexpected(*e);
    return std::pair{std::move(updated), size};
}

std::expected<Staged, SenseData> validate_list(const DriveState& s, scsi::ByteView list, HeaderKind kind) {
    const std::size_t header = header_length(kind);
    if (list.size() < header) return std::unexpected(length_error());
    // The mode data length, medium type and device-specific parameter are reserved in MODE
    // SELECT for an MMC drive and are ignored; block descriptors must be absent.
    const auto bdl_at = block_descriptor_length_byte(kind);
    const std::size_t bdl = kind == HeaderKind::Six ? list[bdl_at] : scsi::get_be16(list, bdl_at);
    if (bdl != 0) return std::unexpected(bad_field(bdl_at));

    Staged staged;
    for (std::size_t at = header; at < list.size();) {
        auto page = validate_page(s, list, at);
        if (!page) return std::unexpected(page.error());
        staged.emplace_back(scsi::get_bits(list, at, 0, 6), std::move(page->first));
        at += page->second;
    }
    return staged;
}

// SP asked for pages the drive could not write to its saved file: the current values changed,
// the saved ones may not have; GOOD would promise them across a power cycle (HARDWARE ERROR,
// INTERNAL TARGET FAILURE: the failure is the drive's, not the medium's).
Completion applied(bool saved) {
    return saved ? reply_good()
                 : reply_check(scsi::sense::make(scsi::SenseKey::HardwareError, scsi::asc::internal_target_failure));
}

} // namespace

Completion select(DriveState& s, const Command& cmd, const SelectRequest& r) {
    // MMC-6 6.10: PF shall be one; the pages are in the standard format, not vendor-specific.
    if (!r.pf)
        return reply_check(scsi::sense::invalid_field_in_cdb(scsi::mode_cdb::flags_byte, scsi::mode_cdb::pf_bit));
    // A list shorter than the CDB says is cut at what arrived; a page cut short is a
    // PARAMETER LIST LENGTH ERROR. A length of zero sends nothing and is no error (SPC-4 6.9).
    const auto list = cmd.data_out.first(std::min(r.parameter_list_length, cmd.data_out.size()));
    if (r.parameter_list_length == 0) return applied(s.mode_pages.apply({}, r.sp));
    auto staged = validate_list(s, list, r.header);
    if (!staged) return reply_check(staged.error());
    // A single initiator: no MODE PARAMETERS CHANGED unit attention is due to anyone.
    return applied(s.mode_pages.apply(*staged, r.sp));
}

} // namespace spindle::mode
