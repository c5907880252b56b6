#pragma once
// One request to a writable control file, gathered from the writes it arrives in: a shell
// redirect from a pipe (`cat rules.txt > faults`) hands the file 4 KiB to 128 KiB pieces cut
// anywhere, and the text is one request all the same.
//
// tray, medium and state take one line: it is carried out when its newline arrives, or at the
// end (close) when it has none; a line after it is refused (one arriving with it, before
// anything is done). faults takes "clear" or "remove N" the same way, or else a list of rules
// one a line: each line is checked as it arrives (a bad one refuses the list at once,
// LINE:COLUMN counted over the whole text) and all are added at the end, or none. A refused
// request changes nothing; its reason is given once, by the add() or finish() that found it.
#include "emulator/faults/fault_rule.hpp"
#include "emulator/targets/fusectl/control_nodes.hpp"
#include "emulator/targets/served_drive.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spindle::fusectl {

class ControlRequest {
public:
    // The most text one request may have: room for tens of thousands of fault rules.
    static constexpr std::size_t max_bytes = std::size_t{4} << 20;

    explicit ControlRequest(FileKind kind) : kind_(kind) {}

    // The next piece of text. true: the request is complete and was carried out now.
    std::expected<bool, std::string> add(ServedDrive& drive, std::string_view piece);
    // The writer is done. true when something was carried out now; an error only when this
    // call found it (a request refused earlier was reported then).
    std::expected<bool, std::string> finish(ServedDrive& drive);

    bool refused() const { return refused_; }

private:
    enum class Stage : std::uint8_t { Waiting, Rules, Done };

    std::expected<bool, std::string> take_line(ServedDrive& drive, std::string_view line, std::string_view after);
    std::unexpected<std::string> refuse(std::string why);

    FileKind kind_;
    Stage stage_ = Stage::Waiting;
    std::string tail_; // an unfinished last line
    std::size_t bytes_ = 0;
    int lines_ = 0; // lines taken, for positions
    std::vector<faults::Rule> rules_;
    bool refused_ = false;
};

} // namespace spindle::fusectl
