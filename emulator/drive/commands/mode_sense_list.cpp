// MODE SENSE(6)/(10) (SPC-4 6.11, 6.12): the mode parameter header, no block descriptors
// (MMC-6 7.2: an MMC drive has none), then the requested pages in ascending page code order.
#include "emulator/drive/commands/mode_parameter_lists.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "scsi/cdb_mode.hpp"

namespace spindle::mode {

namespace {

namespace cdb = scsi::mode_cdb;

// The MODE DATA LENGTH field of the 6-byte header is one byte: at most 255 bytes follow it.
constexpr std::size_t max_six_byte_answer = 256;

// SPC-4 7.5.5, mode parameter header(6): mode data length, medium type, device-specific
// parameter, block descriptor length. Header(10): mode data length (2), medium type,
// device-specific parameter, LONGLBA/reserved, reserved, block descriptor length (2). MMC
// defines neither medium type nor device-specific parameter: both are zero, as is the block
// descriptor length. The mode data length excludes itself.
void put_header(scsi::Bytes& out, HeaderKind kind) {
    if (kind == HeaderKind::Six) {
        out[0] = static_cast<std::uint8_t>(out.size() - 1);
    } else {
        scsi::put_be16(out, 0, static_cast<std::uint16_t>(out.size() - 2));
    }
}

} // namespace

Completion sense(const DriveState& s, const Command& cmd, const SenseRequest& r) {
    std::vector<std::uint8_t> codes;
    if (r.page_code == all_pages) {
        codes = s.mode_pages.codes();
    } else if (s.mode_pages.has(r.page_code)) {
        codes.push_back(r.page_code);
    } else {
        return reply_check(scsi::sense::invalid_field_in_cdb(cdb::page_code_byte, cdb::page_code_msb));
    }
    // MMC pages have no subpages: subpage 00h is the page itself, and FFh ("all subpages",
    // SPC-4 7.5.1 mode page code usage) of a page, or of all pages, is then the same as 00h.
    if (r.subpage_code != 0 && r.subpage_code != all_subpages)
        return reply_check(scsi::sense::invalid_field_in_cdb(cdb::subpage_code_byte));

    const auto pc = static_cast<PageControl>(r.page_control);
    scsi::Bytes out(header_length(r.header), 0);
    for (auto code : codes) {
        const scsi::Bytes page = reported_page(s, code, pc);
        // A 6-byte answer carries whole pages up to the 255 bytes its length field can count.
        if (r.header == HeaderKind::Six && out.size() + page.size() > max_six_byte_answer) break;
        out.insert(out.end(), page.begin(), page.end());
    }
    put_header(out, r.header);
    return reply_data(cmd, out, r.allocation_length);
}

} // namespace spindle::mode
