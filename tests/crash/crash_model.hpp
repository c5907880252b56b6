#pragma once
// The parent's account of what must survive a kill, built from the child's report lines
// (crash_protocol.hpp). A block the drive acknowledged and then flushed (SYNCHRONIZE CACHE, or
// a CLOSE TRACK/SESSION, which writes the buffer out first) must read back with the contents
// of that write, or of a write to it that was in flight later. What a BLANK or FORMAT UNIT may
// have destroyed is owed no longer, from the moment the command is sent. Structure the drive
// acknowledged (closed tracks, complete sessions, a format) must be there too.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace spindle::crash {

struct Floors {
    unsigned closed_tracks = 0;
    unsigned complete_sessions = 0;
    bool formatted = false;
};

class CrashModel {
public:
    // One report line. Returns an error for a line that does not parse.
    std::string feed(std::string_view line);
    // The disc was replaced by a fresh one: nothing is owed.
    void reset();

    // LBA -> the stamps it may carry.
    const std::map<std::uint32_t, std::set<std::uint64_t>>& durable() const { return durable_; }
    const Floors& floors() const { return floors_; }
    // The announced line of the command that had not completed, empty if none.
    const std::string& in_flight() const { return in_flight_; }
    bool ready() const { return ready_; }
    // The drive process ended: what it acknowledged but never flushed died with its buffer
    // (it may have reached the disc, but a later flush by the next process does not owe it).
    void restarted() {
        in_flight_.clear();
        acknowledged_.clear();
        ready_ = false;
    }

private:
    std::map<std::uint32_t, std::set<std::uint64_t>> durable_;
    std::map<std::uint32_t, std::uint64_t> acknowledged_; // written GOOD, not yet flushed
    Floors floors_;
    std::string in_flight_;
    std::uint32_t write_lba_ = 0, write_count_ = 0;
    std::uint64_t write_stamp_ = 0;
    bool ready_ = false;
};

} // namespace spindle::crash
