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
    using scsi::Opcode;
    switch (static_cast<Opcode>(opcode)) {
    case Opcode::TestUnitReady: return "TEST UNIT READY";
    case Opcode::RequestSense: return "REQUEST SENSE";
    case Opcode::FormatUnit: return "FORMAT UNIT";
    case Opcode::Inquiry: return "INQUIRY";
    case Opcode::StartStopUnit: return "START STOP UNIT";
    case Opcode::PreventAllowMediumRemoval: return "PREVENT ALLOW MEDIUM REMOVAL";
    case Opcode::ReadFormatCapacities: return "READ FORMAT CAPACITIES";
    case Opcode::ReadCapacity: return "READ CAPACITY";
    case Opcode::Read10: return "READ(10)";
    case Opcode::Write10: return "WRITE(10)";
    case Opcode::SynchronizeCache: return "SYNCHRONIZE CACHE";
    case Opcode::GetConfiguration: return "GET CONFIGURATION";
    case Opcode::GetEventStatusNotification: return "GET EVENT STATUS NOTIFICATION";
    case Opcode::ReadDiscInformation: return "READ DISC INFORMATION";
    case Opcode::ReadTrackInformation: return "READ TRACK INFORMATION";
    case Opcode::ReserveTrack: return "RESERVE TRACK";
    case Opcode::SendOpcInformation: return "SEND OPC INFORMATION";
    case Opcode::ModeSelect10: return "MODE SELECT(10)";
    case Opcode::ModeSense10: return "MODE SENSE(10)";
    case Opcode::CloseTrackSession: return "CLOSE TRACK/SESSION";
    case Opcode::ReadBufferCapacity: return "READ BUFFER CAPACITY";
    case Opcode::Blank: return "BLANK";
    case Opcode::GetPerformance: return "GET PERFORMANCE";
    case Opcode::ReadDiscStructure: return "READ DISC STRUCTURE";
    case Opcode::SetStreaming: return "SET STREAMING";
    case Opcode::SetCdSpeed: return "SET CD SPEED";
    default: return fmt::format("{:02X}h", opcode);
    }
}

} // namespace spindle::recorder
