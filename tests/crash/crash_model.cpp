#include "crash/crash_model.hpp"

#include <sstream>

namespace spindle::crash {

void CrashModel::reset() { *this = CrashModel(); }

std::string CrashModel::feed(std::string_view line) {
    std::istringstream in{std::string(line)};
    char op = 0;
    in >> op;
    switch (op) {
    case 'R': ready_ = true; return {};
    case 'E': return {};
    case 'W':
        if (!(in >> write_lba_ >> write_count_ >> write_stamp_)) return "bad W line";
        // From now on the blocks may hold this write (it reached the image or not).
        for (std::uint32_t i = 0; i < write_count_; ++i)
            if (auto it = durable_.find(write_lba_ + i); it != durable_.end()) it->second.insert(write_stamp_);
        in_flight_ = line;
        return {};
    case 'B':
    case 'F':
        durable_.clear();
        acknowledged_.clear();
        floors_ = {};
        in_flight_ = line;
        return {};
    case 'S':
    case 'C':
    case 'D':
    case 'V':
    case 'P': in_flight_ = line; return {};
    case 'x': in_flight_.clear(); return {};
    case 'a': {
        Floors now;
        int formatted = 0;
        if (!(in >> now.closed_tracks >> now.complete_sessions >> formatted)) return "bad a line";
        now.formatted = formatted != 0;
        const char done = in_flight_.empty() ? 0 : in_flight_[0];
        in_flight_.clear();
        if (done == 'W') {
            for (std::uint32_t i = 0; i < write_count_; ++i) acknowledged_[write_lba_ + i] = write_stamp_;
            return {};
        }
        if (done == 'S' || done == 'C' || done == 'D') { // the buffer reached the disc
            for (const auto& [lba, stamp] : acknowledged_) durable_[lba] = {stamp};
            acknowledged_.clear();
        }
        if (done != 0) floors_ = now; // the acknowledged structure, saved before the answer
        return {};
    }
    default: return "unknown report line '" + std::string(line) + "'";
    }
}

} // namespace spindle::crash
