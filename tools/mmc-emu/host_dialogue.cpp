#include "tools/mmc-emu/host_dialogue.hpp"

#include "emulator/drive/command_table.hpp"
#include "scsi/sense_names.hpp"

#include <fmt/format.h>

namespace spindle::cli {

Exchange HostDialogue::send(std::span<const std::uint8_t> cdb, std::size_t data_in, const Reader& read) {
    Exchange x;
    x.data.assign(data_in, 0);
    x.completion = drive_.execute(Command{cdb, {}, x.data});
    x.data.resize(x.completion.data_in_length);

    const CommandInfo* info = find_command(cdb[0]);
    std::string outcome;
    if (x.completion.good()) {
        outcome = "GOOD";
        if (read) outcome += "  " + read(x.data);
    } else {
        const auto& s = x.completion.sense;
        outcome = fmt::format("{} {}", s.code_text(), scsi::asc_name(s.asc(), s.ascq()));
    }
    fmt::print("  {:<36} {:<30} {}\n", fmt::format("{:02X}", fmt::join(cdb, " ")),
               info ? scsi::opcode_name(info->opcode) : std::string_view("(unknown)"), outcome);
    return x;
}

void HostDialogue::note(const std::string& text) { fmt::print("\n  -- {}\n", text); }

} // namespace spindle::cli
