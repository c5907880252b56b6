#pragma once
// MODE SENSE and MODE SELECT internals shared by the four handlers in mode_cdbs.cpp. The 6- and
// 10-byte commands differ only in the mode parameter header (SPC-4 7.5.5) and in where the
// CDB keeps its length fields, so each handler decodes its CDB and calls one of these.
#include "emulator/drive/command.hpp"
#include "emulator/drive/drive_state.hpp"

namespace spindle::mode {

enum class HeaderKind : std::uint8_t { Six, Ten };

// The mode parameter header: 4 bytes for the 6-byte commands, 8 for the 10-byte ones.
constexpr std::size_t header_length(HeaderKind k) { return k == HeaderKind::Six ? 4 : 8; }

inline constexpr std::uint8_t all_pages = 0x3F;
inline constexpr std::uint8_t all_subpages = 0xFF;

// A page as MODE SENSE reports it (mode_page_report.cpp): the PS bit set when the page can be
// saved and, in the current values, the fields that follow the drive's state.
scsi::Bytes reported_page(const DriveState& s, std::uint8_t code, PageControl pc);

struct SenseRequest {
    HeaderKind header;
    std::uint8_t page_control;
    std::uint8_t page_code;
    std::uint8_t subpage_code;
    std::size_t allocation_length;
};
// mode_sense_list.cpp
Completion sense(const DriveState& s, const Command& cmd, const SenseRequest& r);

struct SelectRequest {
    HeaderKind header;
    bool pf;
    bool sp;
    std::size_t parameter_list_length;
};
// mode_select_list.cpp
Completion select(DriveState& s, const Command& cmd, const SelectRequest& r);

} // namespace spindle::mode
