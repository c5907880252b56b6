#pragma once
// Building completions that carry data-in: the answer is cut to the CDB's allocation length
// and to the initiator's buffer, and the residual is what was not filled.
#include "emulator/drive/command.hpp"

#include <algorithm>
#include <cstring>

namespace spindle {

// `n` bytes the handler placed at the start of the data-in buffer itself (a READ).
inline Completion reply_in_place(const Command& cmd, std::size_t n) {
    Completion c;
    c.data_in_length = n;
    c.residual = cmd.data_in.size() - n;
    return c;
}

inline Completion reply_data(const Command& cmd, scsi::ByteView data, std::size_t allocation_length) {
    const std::size_t n = std::min({data.size(), allocation_length, cmd.data_in.size()});
    if (n > 0) std::memcpy(cmd.data_in.data(), data.data(), n);
    return reply_in_place(cmd, n);
}

inline Completion reply_good() { return Completion{}; }

inline Completion reply_check(scsi::SenseData s) { return Completion::check_condition(s); }

} // namespace spindle
