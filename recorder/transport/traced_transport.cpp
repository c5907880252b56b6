#include "recorder/transport/traced_transport.hpp"

#include "scsi/sense.hpp"

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
    switch (opcode) {
    case 0x00: return "TEST UNIT READY";
    case 0x03: return "REQUEST SENSE";
    case 0x04: return "FORMAT UNIT";
    case 0x12: return "INQUIRY";
    case 0x1B: return "START STOP UNIT";
    case 0x1E: return "PREVENT ALLOW MEDIUM REMOVAL";
    case 0x23: return "READ FORMAT CAPACITIES";
    case 0x25: return "READ CAPACITY";
    case 0x28: return "READ(10)";
    case 0x2A: return "WRITE(10)";
    case 0x35: return "SYNCHRONIZE CACHE";
    case 0x46: return "GET CONFIGURATION";
    case 0x4A: return "GET EVENT STATUS NOTIFICATION";
    case 0x51: return "READ DISC INFORMATION";
    case 0x52: return "READ TRACK INFORMATION";
    case 0x53: return "RESERVE TRACK";
    case 0x54: return "SEND OPC INFORMATION";
    case 0x55: return "MODE SELECT(10)";
    case 0x5A: return "MODE SENSE(10)";
    case 0x5B: return "CLOSE TRACK/SESSION";
    case 0x5C: return "READ BUFFER CAPACITY";
    case 0xA1: return "BLANK";
    case 0xAC: return "GET PERFORMANCE";
    case 0xAD: return "READ DISC STRUCTURE";
    case 0xB6: return "SET STREAMING";
    case 0xBB: return "SET CD SPEED";
    default: return fmt::format("{:02X}h", opcode);
    }
}

} // namespace spindle::recorder
