#include "recorder/transport/traced_transport.hpp"

#include "scsi/sense.hpp"

#include "scsi/opcode.hpp"

#include <fmt/format.h>

namespace spindle::recorder {

Result<ScsiResult> TracedTransport::execute(const ScsiRequest& request) {
    auto r = inner_->execute(request);
    TracedCommand t;
    t.cdb.assign(request.cdb.begin(), request.cdb.end());
    if (!r || r->transport != TransportStatus::Ok) {
        t.status = 0xFF;
    } else {
        t.status = r->status;
        if (auto s = scsi::SenseData::decode(r->sense)) {
            t.sense_key = static_cast<std::uint8_t>(s->key());
            t.asc = s->asc();
            t.ascq = s->ascq();
        }
        t.bytes = request.direction == DataDirection::ToDevice     ? request.data_out.size()
                  : request.direction == DataDirection::FromDevice ? request.data_in.size() - r->residual
                                                                   : 0;
    }
    commands_.push_back(std::move(t));
    return r;
}

std::string command_name(std::uint8_t opcode) {
    if (const auto name = scsi::opcode_name(opcode); !name.empty()) return std::string(name);
    return fmt::format("{:02X}h", opcode);
}

} // namespace spindle::recorder
