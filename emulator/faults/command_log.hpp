#pragma once
// What the drive was asked and what it answered, newest last, in a bounded ring: the fault
// engine's record for tests and the control interface.
#include "emulator/drive/command.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace spindle::faults {

struct LogEntry {
    std::uint64_t sequence = 0; // 1 for the drive's first command
    DriveTime time{0};          // when the command arrived, on the drive's clock
    DriveTime busy_until{0};    // when its answer was due
    std::array<std::uint8_t, 16> cdb{};
    std::uint8_t cdb_length = 0;
    ScsiStatus status = ScsiStatus::Good;
    Delivery delivery = Delivery::Normal;
    std::uint8_t sense_key = 0;
    std::uint8_t asc = 0;
    std::uint8_t ascq = 0;
    std::size_t data_in = 0;          // bytes returned
    std::size_t data_out = 0;         // bytes the initiator sent
    std::vector<std::uint32_t> rules; // ids of the rules that fired

    bool operator==(const LogEntry&) const = default;
};

// "#12 1.500000s 5A 08 2A 00 00 00 00 00 08 00 -> CHECK CONDITION 2/04/01 in=0 out=0 rules=3"
std::string to_string(const LogEntry& e);

class CommandLog {
public:
    static constexpr std::size_t default_capacity = 4096;

    explicit CommandLog(std::size_t capacity = default_capacity) : capacity_(capacity) {}

    void push(LogEntry e);
    void clear() { entries_.clear(); }
    // Keeps the newest `capacity` entries (at least one).
    void set_capacity(std::size_t capacity);

    const std::deque<LogEntry>& entries() const { return entries_; }
    std::size_t capacity() const { return capacity_; }
    std::uint64_t total() const { return total_; } // commands logged since the drive started
    std::uint64_t next_sequence() const { return total_ + 1; }

private:
    std::size_t capacity_;
    std::uint64_t total_ = 0;
    std::deque<LogEntry> entries_;
};

} // namespace spindle::faults
