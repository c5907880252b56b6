#pragma once
// One drive's command log and control events as Chrome trace events (the JSON that Perfetto and
// chrome://tracing open): each a JSON object, times in microseconds on the drive's clock.
#include "emulator/faults/command_log.hpp"
#include "emulator/targets/served_drive.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace spindle::cli {

// A complete event ("X") named after the command, from its arrival until its answer was due.
std::string trace_command(const faults::LogEntry& e, int tid);
// An instant ("i") on the drive's thread: a tray, medium or state change.
std::string trace_control(const ControlEvent& e, int tid);
// A counter ("C") sample; Perfetto draws one track per name.
std::string trace_counter(std::string_view name, DriveTime at, std::uint64_t value, int tid);
// Names the process or a thread ("M") so that the viewer shows "drive0" rather than a number.
std::string trace_process_name(std::string_view name);
std::string trace_thread_name(int tid, std::string_view name);

} // namespace spindle::cli
