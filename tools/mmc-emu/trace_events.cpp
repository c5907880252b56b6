#include "tools/mmc-emu/trace_events.hpp"

#include "emulator/drive/command_table.hpp"
#include "emulator/faults/fault_rule.hpp"

#include <fmt/format.h>

namespace spindle::cli {

namespace {

// The trace is one process; its threads are the drives.
constexpr int trace_pid = 1;

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
            else
                out += c;
        }
    }
    return out + "\"";
}

double micros(DriveTime t) { return std::chrono::duration<double, std::micro>(t).count(); }

std::string command_name(const faults::LogEntry& e) {
    if (e.cdb_length == 0) return "(no CDB)";
    if (const auto* info = find_command(e.cdb[0])) return std::string(scsi::opcode_name(info->opcode));
    return fmt::format("opcode {:02X}h", e.cdb[0]);
}

std::string answer_text(const faults::LogEntry& e) {
    if (e.delivery == Delivery::Never) return "no answer";
    if (e.delivery == Delivery::DeviceGone) return "device gone";
    switch (e.status) {
    case ScsiStatus::Good: return "GOOD";
    case ScsiStatus::CheckCondition: return "CHECK CONDITION";
    case ScsiStatus::Busy: return "BUSY";
    case ScsiStatus::ReservationConflict: return "RESERVATION CONFLICT";
    }
    return "?";
}

} // namespace

std::string trace_command(const faults::LogEntry& e, int tid) {
    std::string cdb, rules;
    for (std::size_t i = 0; i < e.cdb_length; ++i) cdb += fmt::format("{}{:02X}", i ? " " : "", e.cdb[i]);
    for (std::size_t i = 0; i < e.rules.size(); ++i) rules += fmt::format("{}{}", i ? "," : "", e.rules[i]);
    const auto dur = e.busy_until > e.time ? e.busy_until - e.time : DriveTime{0};
    std::string sense = "null";
    if (e.status == ScsiStatus::CheckCondition && e.delivery == Delivery::Normal)
        sense = json_string(faults::sense_text(static_cast<scsi::SenseKey>(e.sense_key), e.asc, e.ascq));
    return fmt::format(R"({{"name":{},"cat":"command","ph":"X","pid":{},"tid":{},"ts":{:.3f},"dur":{:.3f},)"
                       R"("args":{{"sequence":{},"cdb":"{}","status":{},"sense":{},"data_in":{},"data_out":{},)"
                       R"("rules":[{}]}}}})",
                       json_string(command_name(e)), trace_pid, tid, micros(e.time), micros(dur), e.sequence, cdb,
                       json_string(answer_text(e)), sense, e.data_in, e.data_out, rules);
}

std::string trace_control(const ControlEvent& e, int tid) {
    return fmt::format(
        R"({{"name":{},"cat":"control","ph":"i","s":"t","pid":{},"tid":{},"ts":{:.3f},"args":{{"before_command":{}}}}})",
        json_string(e.what), trace_pid, tid, micros(e.time), e.before_command);
}

std::string trace_counter(std::string_view name, DriveTime at, std::uint64_t value, int tid) {
    return fmt::format(R"({{"name":{},"ph":"C","pid":{},"tid":{},"ts":{:.3f},"args":{{"value":{}}}}})",
                       json_string(name), trace_pid, tid, micros(at), value);
}

std::string trace_process_name(std::string_view name) {
    return fmt::format(R"({{"name":"process_name","ph":"M","pid":{},"args":{{"name":{}}}}})", trace_pid,
                       json_string(name));
}

std::string trace_thread_name(int tid, std::string_view name) {
    return fmt::format(R"({{"name":"thread_name","ph":"M","pid":{},"tid":{},"args":{{"name":{}}}}})", trace_pid, tid,
                       json_string(name));
}

} // namespace spindle::cli
