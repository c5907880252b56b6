// How a stored mode page is reported: byte 0 is rebuilt (PS bit 7 = the page can be saved,
// SPF bit 6 = 0, page code bits 5-0; SPC-4 7.5.7 page_0 format), and the current values of
// some fields are read from the drive's state at MODE SENSE time rather than stored:
//   page 2Ah byte 6 bit 1, Lock State: PREVENT ALLOW MEDIUM REMOVAL is in effect.
// Only fields that plainly mirror drive state are listed; the rest of a page is the profile's.
#include "emulator/drive/commands/mode_parameter_lists.hpp"

#include <array>
#include <utility>

namespace spindle::mode {

namespace {

using LiveFields = void (*)(const DriveState&, scsi::MutableByteView page);

// MMC-6 table 606 (page 2Ah, CD/DVD Capabilities and Mechanical Status): byte 6 bit 1.
void capabilities_page(const DriveState& s, scsi::MutableByteView page) {
    constexpr std::size_t lock_byte = 6;
    constexpr unsigned lock_state_bit = 1;
    if (page.size() > lock_byte) scsi::put_bit(page, lock_byte, lock_state_bit, s.removal_prevented());
}

constexpr std::array<std::pair<std::uint8_t, LiveFields>, 1> live_fields{{
    {0x2A, capabilities_page},
}};

} // namespace

scsi::Bytes reported_page(const DriveState& s, std::uint8_t code, PageControl pc) {
    const scsi::Bytes* stored = s.mode_pages.page(code, pc);
    if (stored == nullptr) return {};
    scsi::Bytes page = *stored;
    if (page.empty()) return page;
    page[0] = static_cast<std::uint8_t>((code & 0x3F) | (s.mode_pages.savable(code) ? 0x80 : 0x00));
    if (pc != PageControl::Current) return page;
    for (const auto& [page_code, apply] : live_fields)
        if (page_code == code) apply(s, page);
    return page;
}

} // namespace spindle::mode
