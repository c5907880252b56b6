// SEND OPC INFORMATION (MMC-6 6.38): with DoOPC the drive calibrates the laser power for the
// loaded medium; the OPC table a host may send is accepted as is. Nothing on the disc changes
// (the power calibration area of a real disc wears, which is not modelled).
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_rules.hpp"
#include "scsi/cdb_write.hpp"

namespace spindle::handlers {

Completion send_opc_information(DriveState& s, const Command& cmd) {
    const scsi::SendOpcInformationCdb cdb(cmd.cdb);
    const Disc& d = s.medium->disc;
    if (!d.type().recordable) return reply_check(cannot_write());
    // MMC-6 table 602: the parameter list is a header of 4 bytes and 8-byte OPC table entries.
    const std::size_t length = cdb.parameter_list_length();
    if (!cdb.do_opc() && length != 0 && (length < 4 || (length - 4) % 8 != 0 || cmd.data_out.size() < length))
        return reply_check(scsi::sense::illegal_request(scsi::asc::parameter_list_length_error));
    return reply_good();
}

} // namespace spindle::handlers
