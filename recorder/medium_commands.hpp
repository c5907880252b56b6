#pragma once
// The writing commands of MMC-6 as the recorder sends them, one function each, shared by
// DataWriter and DiscEraser. Immed commands return at once; unit_wait.hpp waits them out.
#include "recorder/disc_recorder_ex.hpp"

#include <cstdint>
#include <vector>

namespace spindle::recorder {

// READ FORMAT CAPACITIES (MMC-6 tables 490-493).
struct FormatDescriptor {
    std::uint32_t blocks = 0;
    std::uint8_t type = 0;       // format type (byte 4 bits 7-2)
    std::uint32_t parameter = 0; // type dependent parameter
};
struct FormatCapacities {
    std::uint32_t current_blocks = 0;
    std::uint8_t descriptor_type = 0; // 01b unformatted, 10b formatted, 11b no medium
    std::vector<FormatDescriptor> formattable;
};
Result<FormatCapacities> read_format_capacities(DiscRecorderEx& ex);

// FORMAT UNIT (MMC-6 6.5), FmtData, format code 001b, one descriptor; header byte 1 FOV and
// Immed as asked.
Result<void> format_unit(DiscRecorderEx& ex, const FormatDescriptor& d, std::uint8_t subtype, bool immed, bool fov);
// BLANK (MMC-6 6.2): type 0 the whole disc, 1 minimal.
Result<void> blank(DiscRecorderEx& ex, std::uint8_t type, bool immed);
// CLOSE TRACK/SESSION (MMC-6 6.3).
Result<void> close_track_session(DiscRecorderEx& ex, std::uint8_t function, std::uint16_t track, bool immed);
// SYNCHRONIZE CACHE (MMC-6 6.41).
Result<void> synchronize_cache(DiscRecorderEx& ex, bool immed);
// RESERVE TRACK (MMC-6 6.32) of `blocks`.
Result<void> reserve_track(DiscRecorderEx& ex, std::uint32_t blocks);
// SEND OPC INFORMATION (MMC-6 6.38) with DoOPC.
Result<void> send_opc(DiscRecorderEx& ex);

// READ BUFFER CAPACITY (MMC-6 6.25), Block = 0: buffer length and blank length in bytes.
struct BufferCapacity {
    std::uint32_t length = 0;
    std::uint32_t blank = 0;
};
Result<BufferCapacity> read_buffer_capacity(DiscRecorderEx& ex);

} // namespace spindle::recorder
