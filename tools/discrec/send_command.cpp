#include "send_command.hpp"

#include "exit_codes.hpp"
#include "hex_text.hpp"

#include "scsi/cdb.hpp"
#include "scsi/sense.hpp"

#include <fmt/format.h>

#include <array>

namespace spindle::discrec {
namespace {

using namespace spindle::recorder;

// A drive answers the first command after a power on, a reset or a medium change with UNIT
// ATTENTION (6/29/00, 6/28/00 ...), one report per pending condition. Burners send TEST UNIT
// READY until none is left before their real work; so does send, unless told to keep them.
std::vector<scsi::SenseData> clear_unit_attention(DiscRecorderEx& ex) {
    const auto test_unit_ready = scsi::cdb::test_unit_ready();
    std::vector<scsi::SenseData> cleared;
    for (int i = 0; i < 8; ++i) { // SPC-4 queues few conditions; a drive that repeats one is left alone
        auto o = ex.send_command_no_data(test_unit_ready, 30);
        if (!o || o->hr != hr::s_command_has_sense_data) break;
        const auto code = scsi::SenseData::decode(o->sense);
        if (!code || !code->matches(scsi::SenseKey::UnitAttention)) break;
        cleared.push_back(*code);
    }
    return cleared;
}

int report(const Error& e) {
    fmt::print(stderr, "discrec: {}\n", error_text(e));
    return exit_code_for(e);
}

} // namespace

int send_command(DiscRecorder& rec, const SendOptions& o) {
    auto& ex = rec.ex();
    if (!o.keep_unit_attention)
        for (const auto& code : clear_unit_attention(ex))
            fmt::print(stderr, "discrec: cleared a pending unit attention ({}) first\n", code.code_text());
    std::vector<std::uint8_t> in(o.in_length);
    Result<CommandOutcome> r = o.in_length > 0  ? ex.send_command_get_data_from_device(o.cdb, o.timeout, in)
                               : !o.out.empty() ? ex.send_command_send_data_to_device(o.cdb, o.timeout, o.out)
                                                : ex.send_command_no_data(o.cdb, o.timeout);
    if (!r) return report(r.error());
    if (r->hr == hr::s_command_has_sense_data) {
        const auto code = scsi::SenseData::decode(r->sense);
        fmt::print(stderr, "discrec: S_IMAPI_COMMAND_HAS_SENSE_DATA: status {:02X}h, sense {}\n", r->status,
                   code ? code->code_text() : "?");
        print_hexdump(r->sense);
        return ExitCode::command_failed;
    }
    print_hexdump(std::span(in).first(r->bytes_fetched));
    return ExitCode::ok;
}

} // namespace spindle::discrec
