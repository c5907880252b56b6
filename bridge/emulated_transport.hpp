#pragma once
// The recorder's transport to an in-process Drive: for tests, and for trying the recorder
// without hardware. Time follows the drive's clock: a completion is delivered at its
// busy_until; one whose busy_until lies beyond the command's timeout is a timeout. A
// completion the drive never delivers (a hang) times out; a device that vanished answers
// DID_NO_CONNECT, as SG_IO does when the target removes the device.
#include "bridge/emulated_device.hpp"
#include "recorder/transport/scsi_transport.hpp"

#include <memory>

namespace spindle::recorder {

class EmulatedTransport final : public ScsiTransport {
public:
    // Opens the device; E_IMAPI_RECORDER_LOCKED while another opener holds it exclusively.
    static Result<std::unique_ptr<EmulatedTransport>> open(std::shared_ptr<EmulatedDevice> device,
                                                           std::string name = "emu:");
    ~EmulatedTransport() override;
    EmulatedTransport(const EmulatedTransport&) = delete;
    EmulatedTransport& operator=(const EmulatedTransport&) = delete;

    Result<ScsiResult> execute(const ScsiRequest& request) override;
    TransferLimits limits() const override { return limits_; }
    Result<void> set_exclusive(bool exclusive, std::string_view client_name = {}) override;
    std::string exclusive_access_owner() override { return device_->exclusive_owner; }
    bool exclusive() const override;
    std::string device_name() const override { return name_; }
    void pause(std::chrono::milliseconds d) override;
    // The drive's clock when it is a virtual one.
    std::optional<std::chrono::steady_clock::time_point> virtual_time() const override;
    // Closes the descriptor while the recorder still holds this transport: later commands
    // fail as SG_IO on a closed descriptor does (EBADF, HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE)).
    void close() { closed_ = true; }

    // Tests may model a kernel with other limits; transfers above max_hw_bytes fail with EIO
    // as SG_IO on /dev/srN does.
    void set_limits(TransferLimits limits) { limits_ = std::move(limits); }
    EmulatedDevice& device() { return *device_; }
    std::shared_ptr<EmulatedDevice> shared_device() const { return device_; }
    int opener_id() const { return id_; }

private:
    EmulatedTransport(std::shared_ptr<EmulatedDevice> device, std::string name);

    std::shared_ptr<EmulatedDevice> device_;
    std::string name_;
    int id_;
    TransferLimits limits_;
    bool closed_ = false;
};

// Limits of a typical SATA/ATAPI drive's queue, so chunking is exercised as on real hardware.
TransferLimits emulated_transfer_limits();

} // namespace spindle::recorder
