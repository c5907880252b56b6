#pragma once
// Sends commands to an in-process drive and prints each exchange as one line: the CDB, the
// command's name, the status (with sense decoded) and a short reading of the answer.
#include "emulator/drive/drive.hpp"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace spindle::cli {

struct Exchange {
    Completion completion;
    std::vector<std::uint8_t> data;
};

class HostDialogue {
public:
    explicit HostDialogue(Drive& drive) : drive_(drive) {}

    using Reader = std::function<std::string(const std::vector<std::uint8_t>&)>;
    Exchange send(std::span<const std::uint8_t> cdb, std::size_t data_in = 0, const Reader& read = {});
    void note(const std::string& text); // what happens to the drive outside the host's view

private:
    Drive& drive_;
};

} // namespace spindle::cli
