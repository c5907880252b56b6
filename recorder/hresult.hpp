#pragma once
// IMAPI2 result codes (imapi2error.h of the Windows SDK) and the few COM
// and Win32 codes the recorder returns. Values are kept bit-for-bit so a program that knows
// IMAPI2 can compare them directly.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace spindle::recorder {

using HResult = std::uint32_t;

constexpr bool succeeded(HResult hr) { return (hr & 0x8000'0000u) == 0; }
constexpr bool failed(HResult hr) { return !succeeded(hr); }

// winerror.h HRESULT_FROM_WIN32: severity 1, facility 7 (FACILITY_WIN32), the code in the
// low 16 bits. The IMAPI2 docs print the bare Win32 code ("Value: 6", "Value: 55"): those are
// ERROR_INVALID_HANDLE and ERROR_DEV_NOT_EXIST before the macro, 0x80070006 and 0x80070037
// after it. The recorder always returns the HRESULT form.
constexpr HResult hresult_from_win32(std::uint32_t win32_error) {
    return win32_error == 0 ? 0u : ((win32_error & 0xFFFFu) | (7u << 16) | 0x8000'0000u);
}

namespace win32 {
inline constexpr std::uint32_t error_access_denied = 5;  // ERROR_ACCESS_DENIED
inline constexpr std::uint32_t error_invalid_handle = 6; // ERROR_INVALID_HANDLE
inline constexpr std::uint32_t error_dev_not_exist = 55; // ERROR_DEV_NOT_EXIST
inline constexpr std::uint32_t error_not_supported = 50; // ERROR_NOT_SUPPORTED
inline constexpr std::uint32_t error_file_not_found = 2; // ERROR_FILE_NOT_FOUND
inline constexpr std::uint32_t error_invalid_data = 13;  // ERROR_INVALID_DATA
inline constexpr std::uint32_t error_io_device = 1117;   // ERROR_IO_DEVICE
} // namespace win32

namespace hr {
// winerror.h
inline constexpr HResult s_ok = 0x0000'0000;
inline constexpr HResult e_pointer = 0x8000'4003;
inline constexpr HResult e_fail = 0x8000'4005;
inline constexpr HResult e_notimpl = 0x8000'4001;
inline constexpr HResult e_invalidarg = 0x8007'0057;
inline constexpr HResult e_outofmemory = 0x8007'000E;
inline constexpr HResult e_accessdenied = 0x8007'0005;
inline constexpr HResult invalid_handle = hresult_from_win32(win32::error_invalid_handle); // 0x80070006
inline constexpr HResult dev_not_exist = hresult_from_win32(win32::error_dev_not_exist);   // 0x80070037
inline constexpr HResult file_not_found = hresult_from_win32(win32::error_file_not_found); // 0x80070002
inline constexpr HResult invalid_data = hresult_from_win32(win32::error_invalid_data);     // 0x8007000D
inline constexpr HResult not_supported = hresult_from_win32(win32::error_not_supported);   // 0x80070032
inline constexpr HResult io_device = hresult_from_win32(win32::error_io_device);           // 0x8007045D

// imapi2error.h: general
inline constexpr HResult e_request_cancelled = 0xC0AA'0002;
inline constexpr HResult e_recorder_required = 0xC0AA'0003;
inline constexpr HResult s_speed_adjusted = 0x00AA'0004;
inline constexpr HResult s_rotation_adjusted = 0x00AA'0005;
inline constexpr HResult s_both_adjusted = 0x00AA'0006;
inline constexpr HResult e_burn_verification_failed = 0xC0AA'0007;
// recorder
inline constexpr HResult s_command_has_sense_data = 0x00AA'0200;
inline constexpr HResult no_such_mode_page = 0xC0AA'0201;
inline constexpr HResult media_no_media = 0xC0AA'0202;
inline constexpr HResult media_incompatible = 0xC0AA'0203;
inline constexpr HResult media_upside_down = 0xC0AA'0204;
inline constexpr HResult media_becoming_ready = 0xC0AA'0205;
inline constexpr HResult media_format_in_progress = 0xC0AA'0206;
inline constexpr HResult media_busy = 0xC0AA'0207;
inline constexpr HResult invalid_mode_parameters = 0xC0AA'0208;
inline constexpr HResult media_write_protected = 0xC0AA'0209;
inline constexpr HResult no_such_feature = 0xC0AA'020A;
inline constexpr HResult feature_is_not_current = 0xC0AA'020B;
inline constexpr HResult get_configuration_not_supported = 0xC0AA'020C;
inline constexpr HResult command_timeout = 0xC0AA'020D;
inline constexpr HResult dvd_structure_not_present = 0xC0AA'020E;
inline constexpr HResult media_speed_mismatch = 0xC0AA'020F;
inline constexpr HResult recorder_locked = 0xC0AA'0210;
inline constexpr HResult client_name_is_not_valid = 0xC0AA'0211;
inline constexpr HResult media_not_formatted = 0xC0AA'0212;
inline constexpr HResult invalid_response_from_device = 0xC0AA'02FF;
// write engine
inline constexpr HResult e_loss_of_streaming = 0xC0AA'0300;
inline constexpr HResult e_unexpected_response_from_device = 0xC0AA'0301;
inline constexpr HResult s_write_not_in_progress = 0x00AA'0302;
// IDiscFormat2Data
inline constexpr HResult df2data_write_in_progress = 0xC0AA'0400;
inline constexpr HResult df2data_write_not_in_progress = 0xC0AA'0401;
inline constexpr HResult df2data_invalid_media_state = 0xC0AA'0402;
inline constexpr HResult df2data_stream_not_supported = 0xC0AA'0403;
inline constexpr HResult df2data_stream_too_large_for_current_media = 0xC0AA'0404;
inline constexpr HResult df2data_media_not_blank = 0xC0AA'0405;
inline constexpr HResult df2data_media_is_not_supported = 0xC0AA'0406;
inline constexpr HResult df2data_recorder_not_supported = 0xC0AA'0407;
// erase (900-908 are 0x80AA..., 909-90B are 0xC0AA...)
inline constexpr HResult erase_recorder_in_use = 0x80AA'0900;
inline constexpr HResult erase_media_is_not_erasable = 0x80AA'0904;
inline constexpr HResult erase_drive_failed_erase_command = 0x80AA'0905;
inline constexpr HResult erase_took_longer_than_one_hour = 0x80AA'0906;
inline constexpr HResult erase_unexpected_drive_response = 0x80AA'0907;
inline constexpr HResult erase_media_is_not_supported = 0xC0AA'0909;
} // namespace hr

struct HResultInfo {
    HResult value;
    std::string_view name;    // the imapi2error.h / winerror.h macro name
    std::string_view message; // the header's message text
};

// Every S_IMAPI_* / E_IMAPI_* of imapi2error.h plus the COM/Win32 codes above.
std::span<const HResultInfo> hresult_table();
std::optional<HResultInfo> find_hresult(HResult value);
// The macro name, or "HRESULT 0x........" for a value not in the table.
std::string hresult_name(HResult value);

} // namespace spindle::recorder
