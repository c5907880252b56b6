#pragma once
// A transport that records what passes through another: each command's CDB and outcome, for
// showing which commands a burn sent (discrec --trace, the demo) and for tests that check a
// medium's command sequence. Only CDBs and status are kept, not data.
#include "recorder/transport/scsi_transport.hpp"

#include <memory>
#include <vector>

namespace spindle::recorder {

struct TracedCommand {
    std::vector<std::uint8_t> cdb;
    std::uint8_t status = 0; // SCSI status; 0xFF when the transport failed
    std::uint8_t sense_key = 0, asc = 0, ascq = 0;
    std::size_t bytes = 0; // data moved
};

class TracedTransport final : public ScsiTransport {
public:
    explicit TracedTransport(std::unique_ptr<ScsiTransport> inner) : inner_(std::move(inner)) {}

    Result<ScsiResult> execute(const ScsiRequest& request) override;
    TransferLimits limits() const override { return inner_->limits(); }
    Result<void> set_exclusive(bool exclusive, std::string_view client_name = {}) override {
        return inner_->set_exclusive(exclusive, client_name);
    }
    bool exclusive() const override { return inner_->exclusive(); }
    std::string exclusive_access_owner() override { return inner_->exclusive_access_owner(); }
    std::string device_name() const override { return inner_->device_name(); }
    void pause(std::chrono::milliseconds d) override { inner_->pause(d); }
    std::optional<std::chrono::steady_clock::time_point> virtual_time() const override {
        return inner_->virtual_time();
    }

    const std::vector<TracedCommand>& commands() const { return commands_; }
    void clear() { commands_.clear(); }
    ScsiTransport& inner() { return *inner_; }

private:
    std::unique_ptr<ScsiTransport> inner_;
    std::vector<TracedCommand> commands_;
};

// "WRITE(10)", "CLOSE TRACK/SESSION", ... (scsi::opcode_name); "xxh" for an opcode it does not name.
std::string command_name(std::uint8_t opcode);

} // namespace spindle::recorder
