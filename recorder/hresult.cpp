#include "recorder/hresult.hpp"

#include <array>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {

// imapi2error.h, in header order, with its MessageText; then the winerror.h codes.
// clang-format off
constexpr std::array<HResultInfo, 103> table{{
    {0xC0AA0002, "E_IMAPI_REQUEST_CANCELLED", "The request was cancelled."},
    {0xC0AA0003, "E_IMAPI_RECORDER_REQUIRED", "The request requires a current disc recorder to be selected."},
    {0x00AA0004, "S_IMAPI_SPEEDADJUSTED", "The requested write speed was not supported by the drive and the speed was adjusted."},
    {0x00AA0005, "S_IMAPI_ROTATIONADJUSTED", "The requested rotation type was not supported by the drive and the rotation type was adjusted."},
    {0x00AA0006, "S_IMAPI_BOTHADJUSTED", "The requested write speed and rotation type were not supported by the drive and they were both adjusted."},
    {0xC0AA0007, "E_IMAPI_BURN_VERIFICATION_FAILED", "The disc did not pass burn verification and may contain corrupt data or be unusable."},
    {0x00AA0200, "S_IMAPI_COMMAND_HAS_SENSE_DATA", "The device accepted the command, but returned sense data, indicating an error."},
    {0xC0AA0201, "E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE", "The device reported that the requested mode page (and type) is not present."},
    {0xC0AA0202, "E_IMAPI_RECORDER_MEDIA_NO_MEDIA", "There is no media in the device."},
    {0xC0AA0203, "E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE", "The media is not compatible or of unknown physical format."},
    {0xC0AA0204, "E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN", "The media is inserted upside down."},
    {0xC0AA0205, "E_IMAPI_RECORDER_MEDIA_BECOMING_READY", "The drive reported that it is in the process of becoming ready.  Please try the request again later."},
    {0xC0AA0206, "E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS", "The media is currently being formatted.  Please wait for the format to complete before attempting to use the media."},
    {0xC0AA0207, "E_IMAPI_RECORDER_MEDIA_BUSY", "The drive reported that it is performing a long-running operation, such as finishing a write.  The drive may be unusable for a long period of time."},
    {0xC0AA0208, "E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS", "The drive reported that the combination of parameters provided in the mode page for a MODE SELECT command were not supported."},
    {0xC0AA0209, "E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED", "The drive reported that the media is write protected."},
    {0xC0AA020A, "E_IMAPI_RECORDER_NO_SUCH_FEATURE", "The feature page requested is not supported by the device."},
    {0xC0AA020B, "E_IMAPI_RECORDER_FEATURE_IS_NOT_CURRENT", "The feature page requested is supported, but is not marked as current."},
    {0xC0AA020C, "E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED", "The drive does not support the GET CONFIGURATION command."},
    {0xC0AA020D, "E_IMAPI_RECORDER_COMMAND_TIMEOUT", "The device failed to accept the command within the timeout period. This may be caused by the device having entered an inconsistent state, or the timeout value for the command may need to be increased."},
    {0xC0AA020E, "E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT", "The DVD structure is not present. This may be caused by incompatible drive/medium used."},
    {0xC0AA020F, "E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH", "The media's speed is incompatible with the device.  This may be caused by using higher or lower speed media than the range of speeds supported by the device."},
    {0xC0AA0210, "E_IMAPI_RECORDER_LOCKED", "The device associated with this recorder during the last operation has been exclusively locked, causing this operation to failed."},
    {0xC0AA0211, "E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID", "The client name is not valid."},
    {0xC0AA0212, "E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED", "The media is not formatted. Please format the media before attempting to use it."},
    {0xC0AA02FF, "E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE", "The device reported unexpected or invalid data for a command."},
    {0xC0AA0300, "E_IMAPI_LOSS_OF_STREAMING", "The write failed because the drive did not receive data quickly enough to continue writing. Moving the source data to the local computer, reducing the write speed, or enabling a \"buffer underrun free\" setting may resolve this issue."},
    {0xC0AA0301, "E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE", "The write failed because the drive returned error information that could not be recovered from."},
    {0x00AA0302, "S_IMAPI_WRITE_NOT_IN_PROGRESS", "There is no write operation currently in progress."},
    {0xC0AA0400, "E_IMAPI_DF2DATA_WRITE_IN_PROGRESS", "There is currently a write operation in progress."},
    {0xC0AA0401, "E_IMAPI_DF2DATA_WRITE_NOT_IN_PROGRESS", "There is no write operation currently in progress."},
    {0xC0AA0402, "E_IMAPI_DF2DATA_INVALID_MEDIA_STATE", "The requested operation is only valid with supported media."},
    {0xC0AA0403, "E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED", "The provided stream to write is not supported."},
    {0xC0AA0404, "E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA", "The provided stream to write is too large for the currently inserted media."},
    {0xC0AA0405, "E_IMAPI_DF2DATA_MEDIA_NOT_BLANK", "Overwriting non-blank media is not allowed without the ForceOverwrite property set to VARIANT_TRUE."},
    {0xC0AA0406, "E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED", "The current media type is unsupported."},
    {0xC0AA0407, "E_IMAPI_DF2DATA_RECORDER_NOT_SUPPORTED", "This device does not support the operations required by this disc format."},
    {0xC0AA0408, "E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID", "The client name is not valid."},
    {0xC0AA0500, "E_IMAPI_DF2TAO_WRITE_IN_PROGRESS", "There is currently a write operation in progress."},
    {0xC0AA0501, "E_IMAPI_DF2TAO_WRITE_NOT_IN_PROGRESS", "There is no write operation currently in progress."},
    {0xC0AA0502, "E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED", "The requested operation is only valid when media has been \"prepared\"."},
    {0xC0AA0503, "E_IMAPI_DF2TAO_MEDIA_IS_PREPARED", "The requested operation is not valid when media has been \"prepared\" but not released."},
    {0xC0AA0504, "E_IMAPI_DF2TAO_PROPERTY_FOR_BLANK_MEDIA_ONLY", "The property cannot be changed once the media has been written to."},
    {0xC0AA0505, "E_IMAPI_DF2TAO_TABLE_OF_CONTENTS_EMPTY_DISC", "The table of contents cannot be retrieved from an empty disc."},
    {0xC0AA0506, "E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK", "Only blank CD-R/RW media is supported."},
    {0xC0AA0507, "E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED", "Only blank CD-R/RW media is supported."},
    {0xC0AA0508, "E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED", "CD-R and CD-RW media support a maximum of 99 audio tracks."},
    {0xC0AA0509, "E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE", "There is not enough space left on the media to add the provided audio track."},
    {0xC0AA050A, "E_IMAPI_DF2TAO_NO_RECORDER_SPECIFIED", "You cannot prepare the media until you choose a recorder to use."},
    {0xC0AA050B, "E_IMAPI_DF2TAO_INVALID_ISRC", "The ISRC provided is not valid."},
    {0xC0AA050C, "E_IMAPI_DF2TAO_INVALID_MCN", "The Media Catalog Number provided is not valid."},
    {0xC0AA050D, "E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED", "The provided audio stream is not valid."},
    {0xC0AA050E, "E_IMAPI_DF2TAO_RECORDER_NOT_SUPPORTED", "This device does not support the operations required by this disc format."},
    {0xC0AA050F, "E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID", "The client name is not valid."},
    {0xC0AA0600, "E_IMAPI_DF2RAW_WRITE_IN_PROGRESS", "There is currently a write operation in progress."},
    {0xC0AA0601, "E_IMAPI_DF2RAW_WRITE_NOT_IN_PROGRESS", "There is no write operation currently in progress."},
    {0xC0AA0602, "E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED", "The requested operation is only valid when media has been \"prepared\"."},
    {0xC0AA0603, "E_IMAPI_DF2RAW_MEDIA_IS_PREPARED", "The requested operation is not valid when media has been \"prepared\" but not released."},
    {0xC0AA0604, "E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID", "The client name is not valid."},
    {0xC0AA0606, "E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK", "Only blank CD-R/RW media is supported."},
    {0xC0AA0607, "E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED", "Only blank CD-R/RW media is supported."},
    {0xC0AA0609, "E_IMAPI_DF2RAW_NOT_ENOUGH_SPACE", "There is not enough space on the media to add the provided session."},
    {0xC0AA060A, "E_IMAPI_DF2RAW_NO_RECORDER_SPECIFIED", "You cannot prepare the media until you choose a recorder to use."},
    {0xC0AA060D, "E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED", "The provided audio stream is not valid."},
    {0xC0AA060E, "E_IMAPI_DF2RAW_DATA_BLOCK_TYPE_NOT_SUPPORTED", "The requested data block type is not supported by the current device."},
    {0xC0AA060F, "E_IMAPI_DF2RAW_STREAM_LEADIN_TOO_SHORT", "The stream does not contain a sufficient number of sectors in the leadin for the current media."},
    {0xC0AA0610, "E_IMAPI_DF2RAW_RECORDER_NOT_SUPPORTED", "This device does not support the operations required by this disc format."},
    {0x80AA0900, "E_IMAPI_ERASE_RECORDER_IN_USE", "The format is currently using the disc recorder for an erase operation. Please wait for the erase to complete before attempting to set or clear the current disc recorder."},
    {0x80AA0901, "E_IMAPI_ERASE_ONLY_ONE_RECORDER_SUPPORTED", "The erase format only supports one recorder.  You must clear the current recorder before setting a new one."},
    {0x80AA0902, "E_IMAPI_ERASE_DISC_INFORMATION_TOO_SMALL", "The drive did not report sufficient data for a READ DISC INFORMATION command. The drive may not be supported, or the media may not be correct."},
    {0x80AA0903, "E_IMAPI_ERASE_MODE_PAGE_2A_TOO_SMALL", "The drive did not report sufficient data for a MODE SENSE (page 0x2A) command. The drive may not be supported, or the media may not be correct."},
    {0x80AA0904, "E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE", "The drive reported that the media is not erasable."},
    {0x80AA0905, "E_IMAPI_ERASE_DRIVE_FAILED_ERASE_COMMAND", "The drive failed the erase command."},
    {0x80AA0906, "E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR", "The drive did not complete the erase in one hour.  The drive may require a power cycle, media removal, or other manual intervention to resume proper operation."},
    {0x80AA0907, "E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE", "The drive returned an unexpected error during the erase.  The the media may be unusable, the erase may be complete, or the drive may still be in the process of erasing the disc."},
    {0x80AA0908, "E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND", "The drive returned an error for a START UNIT (spinup) command.  Manual intervention may be required."},
    {0xC0AA0909, "E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED", "The current media type is unsupported."},
    {0xC0AA090A, "E_IMAPI_ERASE_RECORDER_NOT_SUPPORTED", "This device does not support the operations required by this disc format."},
    {0xC0AA090B, "E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID", "The client name is not valid."},
    {0x80AA0A00, "E_IMAPI_RAW_IMAGE_IS_READ_ONLY", "The image has become read-only from a call to CreateResultImage(). The object can no longer be modified."},
    {0x80AA0A01, "E_IMAPI_RAW_IMAGE_TOO_MANY_TRACKS", "No more tracks may be added, as CD media is restricted to track numbers between 1 and 99."},
    {0x80AA0A02, "E_IMAPI_RAW_IMAGE_SECTOR_TYPE_NOT_SUPPORTED", "The requested sector type is not supported."},
    {0x80AA0A03, "E_IMAPI_RAW_IMAGE_NO_TRACKS", "Tracks must be added to the image before using this function."},
    {0x80AA0A04, "E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED", "Tracks may not be added to the image prior to the use of this function."},
    {0x80AA0A05, "E_IMAPI_RAW_IMAGE_INSUFFICIENT_SPACE", "Adding the track would result in exceeding the limit for the start of the leadout."},
    {0x80AA0A06, "E_IMAPI_RAW_IMAGE_TOO_MANY_TRACK_INDEXES", "Adding the track index would result in exceeding the 99 index limit."},
    {0x80AA0A07, "E_IMAPI_RAW_IMAGE_TRACK_INDEX_NOT_FOUND", "The specified LBA offset is not in the list of track indexes."},
    {0x00AA0A08, "S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS", "The specified LBA offset is already in the list of track indexes."},
    {0x80AA0A09, "E_IMAPI_RAW_IMAGE_TRACK_INDEX_OFFSET_ZERO_CANNOT_BE_CLEARED", "Index 1 (LBA offset zero) may not be cleared."},
    {0x80AA0A0A, "E_IMAPI_RAW_IMAGE_TRACK_INDEX_TOO_CLOSE_TO_OTHER_INDEX", "Each index must have a minimum size of ten sectors."},
    // winerror.h
    {hr::s_ok, "S_OK", "The operation completed successfully."},
    {hr::e_pointer, "E_POINTER", "Pointer is not valid."},
    {hr::e_fail, "E_FAIL", "Unspecified failure."},
    {hr::e_notimpl, "E_NOTIMPL", "Not implemented."},
    {hr::e_invalidarg, "E_INVALIDARG", "One or more arguments are not valid."},
    {hr::e_outofmemory, "E_OUTOFMEMORY", "Failed to allocate the required memory."},
    {hr::e_accessdenied, "E_ACCESSDENIED", "Access is denied."},
    {hr::invalid_handle, "HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE)", "The specified handle is invalid."},
    {hr::dev_not_exist, "HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST)", "The specified network resource or device is no longer available."},
    {hr::file_not_found, "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)", "The system cannot find the file specified."},
    {hr::invalid_data, "HRESULT_FROM_WIN32(ERROR_INVALID_DATA)", "The data is invalid."},
    {hr::not_supported, "HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)", "The request is not supported."},
    {hr::io_device, "HRESULT_FROM_WIN32(ERROR_IO_DEVICE)", "The request could not be performed because of an I/O device error."},
}};
// clang-format on

constexpr bool values_are_unique() {
    for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = i + 1; j < table.size(); ++j)
            if (table[i].value == table[j].value) return false;
    return true;
}
static_assert(values_are_unique(), "hresult table: one row per value");

} // namespace

std::span<const HResultInfo> hresult_table() { return table; }

std::optional<HResultInfo> find_hresult(HResult value) {
    for (const auto& row : table)
        if (row.value == value) return row;
    return std::nullopt;
}

std::string hresult_name(HResult value) {
    if (auto row = find_hresult(value)) return std::string(row->name);
    return fmt::format("HRESULT 0x{:08X}", value);
}

} // namespace spindle::recorder
