// The sense -> HRESULT table, row by row: each case is written out by hand from what libburn,
// growisofs, the Linux sr driver and the Windows cdrom class driver sample do with the code,
// and every row of the table must be exercised by at least one case.
#include "recorder/sense_map.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <fmt/format.h>
#include <set>
#include <vector>

using namespace spindle::recorder;
using spindle::scsi::SenseData;
using spindle::scsi::SenseKey;

namespace {

struct Case {
    std::uint8_t opcode;
    std::uint8_t key, asc, ascq;
    HResult expected;
};

constexpr std::uint8_t inquiry = 0x12, mode_sense10 = 0x5A, mode_sense6 = 0x1A, mode_select10 = 0x55,
                       mode_select6 = 0x15, read_disc_structure = 0xAD, get_configuration = 0x46, write10 = 0x2A,
                       write12 = 0xAA, sync_cache = 0x35, close_track = 0x5B, blank = 0xA1, read10 = 0x28;

// clang-format off
const std::vector<Case> cases{
    {mode_sense10, 5, 0x24, 0x00, hr::no_such_mode_page},
    {mode_sense6, 5, 0x24, 0x00, hr::no_such_mode_page},
    {mode_sense10, 5, 0x39, 0x00, hr::no_such_mode_page},
    {read_disc_structure, 5, 0x24, 0x00, hr::dvd_structure_not_present},
    {read_disc_structure, 5, 0x30, 0x02, hr::dvd_structure_not_present},
    {mode_select10, 5, 0x26, 0x00, hr::invalid_mode_parameters},
    {mode_select10, 5, 0x26, 0x01, hr::invalid_mode_parameters},
    {mode_select6, 5, 0x26, 0x02, hr::invalid_mode_parameters},
    {mode_select10, 5, 0x1A, 0x00, hr::invalid_mode_parameters},
    {get_configuration, 5, 0x20, 0x00, hr::get_configuration_not_supported},
    {blank, 3, 0x51, 0x00, hr::erase_drive_failed_erase_command},
    {blank, 3, 0x51, 0x01, hr::erase_drive_failed_erase_command},
    {write10, 5, 0x25, 0x00, hr::dev_not_exist},
    {inquiry, 5, 0x25, 0x00, hr::dev_not_exist},
    {inquiry, 2, 0x3A, 0x00, hr::media_no_media},
    {read10, 2, 0x3A, 0x01, hr::media_no_media},
    {read10, 2, 0x3A, 0x02, hr::media_no_media},
    {read10, 2, 0x3A, 0x03, hr::media_no_media},
    {read10, 2, 0x04, 0x03, hr::media_no_media},
    {read10, 2, 0x04, 0x01, hr::media_becoming_ready},
    {read10, 2, 0x04, 0x00, hr::media_becoming_ready},
    {read10, 2, 0x04, 0x04, hr::media_format_in_progress},
    {read10, 2, 0x04, 0x07, hr::media_busy},
    {write10, 2, 0x04, 0x08, hr::media_busy},
    {read10, 2, 0x06, 0x00, hr::media_upside_down},
    {write10, 5, 0x30, 0x10, hr::media_not_formatted},
    {read10, 2, 0x30, 0x10, hr::media_not_formatted},
    {read10, 3, 0x31, 0x00, hr::media_not_formatted},
    {write10, 5, 0x30, 0x11, hr::media_speed_mismatch},
    {read10, 2, 0x30, 0x00, hr::media_incompatible},
    {read10, 5, 0x30, 0x01, hr::media_incompatible},
    {read10, 5, 0x30, 0x02, hr::media_incompatible},
    {write10, 5, 0x30, 0x04, hr::media_incompatible},
    {write10, 5, 0x30, 0x05, hr::media_incompatible},
    {0x04, 5, 0x30, 0x06, hr::media_incompatible},
    {write10, 5, 0x30, 0x08, hr::media_incompatible},
    {0x43, 5, 0x57, 0x00, hr::media_incompatible},
    {write10, 7, 0x27, 0x00, hr::media_write_protected},
    {write10, 7, 0x27, 0x07, hr::media_write_protected},
    {write10, 7, 0x00, 0x00, hr::media_write_protected},
    {write10, 3, 0x0C, 0x09, hr::e_loss_of_streaming},
    {write12, 5, 0x0C, 0x09, hr::e_loss_of_streaming},
    {write10, 3, 0x0C, 0x00, hr::e_unexpected_response_from_device},
    {write10, 5, 0x21, 0x02, hr::e_unexpected_response_from_device},
    {write10, 5, 0x2C, 0x00, hr::e_unexpected_response_from_device},
    {write10, 5, 0x63, 0x01, hr::e_unexpected_response_from_device},
    {write10, 5, 0x64, 0x00, hr::e_unexpected_response_from_device},
    {close_track, 3, 0x72, 0x03, hr::e_unexpected_response_from_device},
    {sync_cache, 3, 0x73, 0x02, hr::e_unexpected_response_from_device},
    {write10, 4, 0x08, 0x03, hr::e_unexpected_response_from_device},
    {read10, 6, 0x28, 0x00, hr::media_becoming_ready},
    {read10, 6, 0x29, 0x00, hr::media_becoming_ready},
    {read10, 6, 0x29, 0x02, hr::media_becoming_ready},
};
// clang-format on

SenseData sense_of(const Case& c) { return SenseData(static_cast<SenseKey>(c.key), c.asc, c.ascq); }

const SenseRule* first_matching_rule(std::uint8_t opcode, const SenseData& code) {
    const auto ctx = context_for_opcode(opcode);
    for (const auto& r : sense_rules()) {
        if (r.context != CommandContext::Any && r.context != ctx) continue;
        if (r.key && *r.key != code.key()) continue;
        if (r.asc != any_value && r.asc != code.asc()) continue;
        if (r.ascq_first != any_value && (code.ascq() < r.ascq_first || code.ascq() > r.ascq_last)) continue;
        return &r;
    }
    return nullptr;
}

} // namespace

TEST_CASE("every sense case maps to the HRESULT the burners' handling of its code gives it") {
    for (const auto& c : cases) {
        const SenseData code = sense_of(c);
        CAPTURE(fmt::format("opcode {:02X}h sense {}", c.opcode, code.code_text()));
        CHECK(hresult_for_sense(c.opcode, code) == c.expected);
    }
}

TEST_CASE("every row of the sense table is exercised by a hand-written case") {
    std::set<const SenseRule*> hit;
    for (const auto& c : cases)
        if (auto r = first_matching_rule(c.opcode, sense_of(c))) hit.insert(r);
    for (const auto& r : sense_rules()) {
        CAPTURE(r.evidence);
        CHECK(hit.contains(&r));
    }
}

TEST_CASE("every row of the sense table cites its evidence") {
    for (const auto& r : sense_rules())
        CHECK((r.evidence.starts_with("burners: ") || r.evidence.starts_with("IDiscRecorder2Ex docs: ") ||
               r.evidence.starts_with("SPC-4")));
}

TEST_CASE("5/24/00 means no such mode page on MODE SENSE but no DVD structure on READ DISC STRUCTURE") {
    const SenseData invalid_field{SenseKey::IllegalRequest, 0x24, 0x00};
    CHECK(hresult_for_sense(mode_sense10, invalid_field) == 0xC0AA0201);
    CHECK(hresult_for_sense(read_disc_structure, invalid_field) == 0xC0AA020E);
    CHECK(hresult_for_sense(inquiry, invalid_field) == hr::e_fail);
}

TEST_CASE("an unknown sense code is E_FAIL outside writing and UNEXPECTED_RESPONSE while writing") {
    const SenseData odd{SenseKey::AbortedCommand, 0x47, 0x00}; // ABORTED COMMAND, SCSI PARITY ERROR
    CHECK(hresult_for_sense(read10, odd) == hr::e_fail);
    CHECK(hresult_for_sense(write10, odd) == hr::e_unexpected_response_from_device);
}

TEST_CASE("a sense code is only context-specific on its own commands") {
    CHECK(hresult_for_sense(inquiry, SenseData{SenseKey::IllegalRequest, 0x26, 0x00}) == hr::e_fail); // not MODE SELECT
    CHECK(hresult_for_sense(read10, SenseData{SenseKey::IllegalRequest, 0x20, 0x00}) ==
          hr::e_fail); // not GET CONFIGURATION
    CHECK(hresult_for_sense(read10, SenseData{SenseKey::MediumError, 0x0C, 0x00}) == hr::e_fail); // not a write
    CHECK(hresult_for_sense(read10, SenseData{SenseKey::MediumError, 0x51, 0x00}) == hr::e_fail); // not BLANK
    CHECK(hresult_for_sense(write10, SenseData{SenseKey::RecoveredError, 0x73, 0x01}) ==
          hr::e_unexpected_response_from_device);
}

TEST_CASE("transport failures map to the values the IDiscRecorder2Ex documentation and the burners give") {
    CHECK(hresult_for_transport(TransportFailure::Timeout) == 0xC0AA020D);
    CHECK(hresult_for_transport(TransportFailure::NoDevice) == 0x80070037);
    CHECK(hresult_for_transport(TransportFailure::BadHandle) == 0x80070006);
    CHECK(hresult_for_transport(TransportFailure::ExclusiveBusy) == 0xC0AA0210);
    CHECK(hresult_for_transport(TransportFailure::PermissionDenied) == 0x80070005);
    CHECK(hresult_for_transport(TransportFailure::ShortData) == 0xC0AA02FF);
    CHECK(hresult_for_transport(TransportFailure::HostError) == 0x8007045D);
    CHECK(hresult_for_transport(TransportFailure::Other) == 0x80004005);
    CHECK(hresult_for_transport(TransportFailure::Reserved) == 0xC0AA0210);
    CHECK(transport_rules().size() == 9);
}

TEST_CASE("errno values map to transport failures; EBUSY only means locked on an exclusive open") {
    CHECK(transport_failure_for_errno(ENODEV) == TransportFailure::NoDevice);
    CHECK(transport_failure_for_errno(ENXIO) == TransportFailure::NoDevice);
    CHECK(transport_failure_for_errno(ENOENT) == TransportFailure::NoDevice);
    CHECK(transport_failure_for_errno(ENOTCONN) == TransportFailure::NoDevice);
    CHECK(transport_failure_for_errno(EBADF) == TransportFailure::BadHandle);
    CHECK(transport_failure_for_errno(EBUSY, true) == TransportFailure::ExclusiveBusy);
    CHECK(transport_failure_for_errno(EBUSY, false) == TransportFailure::Other);
    CHECK(transport_failure_for_errno(EACCES) == TransportFailure::PermissionDenied);
    CHECK(transport_failure_for_errno(EPERM) == TransportFailure::PermissionDenied);
    CHECK(transport_failure_for_errno(ETIMEDOUT) == TransportFailure::Timeout);
    CHECK(transport_failure_for_errno(EIO) == TransportFailure::HostError);
    CHECK(transport_failure_for_errno(ENOMEM) == TransportFailure::Other);
}

TEST_CASE("opcodes fall into the contexts the table distinguishes") {
    CHECK(context_for_opcode(0x5A) == CommandContext::ModeSense);
    CHECK(context_for_opcode(0x1A) == CommandContext::ModeSense);
    CHECK(context_for_opcode(0x55) == CommandContext::ModeSelect);
    CHECK(context_for_opcode(0xAD) == CommandContext::ReadDiscStructure);
    CHECK(context_for_opcode(0x46) == CommandContext::GetConfiguration);
    CHECK(context_for_opcode(0xA1) == CommandContext::Erase);
    for (int op : {0x2A, 0xAA, 0x2E, 0x35, 0x5B, 0x53, 0x5D, 0x04})
        CHECK(context_for_opcode(static_cast<std::uint8_t>(op)) == CommandContext::Write);
    CHECK(context_for_opcode(0x28) == CommandContext::Any);
}
