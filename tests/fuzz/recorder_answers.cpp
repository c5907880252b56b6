// The recorder's parsers of drive answers, through its public API, over a transport whose
// answers come from the input (a drive with broken or hostile firmware). Any answer may be
// short, long, inconsistent or a failure; the recorder must return an error or a value and
// never read past what it was given.
//
// An input is:
//   byte    the operation (recorder_operations.hpp, modulo); bit 7 set: the INQUIRY answer comes from the
//           input too, otherwise the drive first answers a valid MMC INQUIRY (answer_attach)
//   byte    an argument for the operation (a page, a track, a feature ...)
//   then answers, one per command the recorder sends, each:
//     byte  bits 0-1: 0 GOOD, 1 CHECK CONDITION, 2 BUSY, 3 a transport failure (bits 2-3:
//           timeout, host error, driver error, no connect); bit 4: a u16 residual follows,
//           reported whatever was delivered (a broken driver)
//     u16   length of the data-in, then that many bytes
//     CHECK CONDITION only: byte sense length, then that many bytes
//   When the answers run out the device is gone.
#include "fuzz_input.hpp"
#include "recorder_operations.hpp"
#include "support/scripted_transport.hpp"

#include <cstdlib>
#include <memory>

namespace {

using namespace spindle;
using namespace spindle::recorder;

std::deque<test::ScriptedAnswer> answers(fuzz::FuzzInput& in) {
    std::deque<test::ScriptedAnswer> out;
    while (!in.empty()) {
        test::ScriptedAnswer a;
        const auto kind = in.byte();
        switch (kind & 3) {
        case 0: a.status = 0x00; break;
        case 1: a.status = 0x02; break;
        case 2: a.status = 0x08; break;
        default: {
            static constexpr TransportStatus failures[4] = {TransportStatus::Timeout, TransportStatus::HostError,
                                                            TransportStatus::DriverError, TransportStatus::NoConnect};
            a.transport = failures[(kind >> 2) & 3];
        }
        }
        if (kind & 0x10) a.residual = in.u16();
        auto data = in.take(in.u16());
        a.data.assign(data.begin(), data.end());
        if (a.status == 0x02) {
            auto sense = in.take(in.byte());
            a.sense.assign(sense.begin(), sense.end());
        }
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    const auto first = in.byte();
    const auto arg = in.byte();
    auto transport = std::make_unique<test::ScriptedTransport>();
    if (!(first & 0x80)) test::answer_attach(*transport);
    for (auto& a : answers(in)) transport->then(std::move(a));
    auto recorder = DiscRecorder::attach(std::move(transport));
    if (!recorder) return 0;
    fuzz::run_operation(static_cast<std::uint8_t>((first & 0x7F) % fuzz::operations), arg, **recorder);
    return 0;
}
