#pragma once
// One SCSI command through whatever carries it: SG_IO on a Linux node, or an in-process
// drive. Transports move bytes; they do not interpret them (only the recorder does).
#include "recorder/error.hpp"
#include "recorder/transport/transfer_limits.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace spindle::recorder {

enum class DataDirection : std::uint8_t { None, ToDevice, FromDevice };

struct ScsiRequest {
    std::span<const std::uint8_t> cdb{}; // 6..16 bytes
    DataDirection direction = DataDirection::None;
    std::span<std::uint8_t> data_in{};         // FromDevice: where the answer goes
    std::span<const std::uint8_t> data_out{};  // ToDevice: what is sent
    std::chrono::milliseconds timeout{30'000}; // libburn's default (spc.h)
};

// Below SCSI: did the command reach the drive and come back?
enum class TransportStatus : std::uint8_t {
    Ok,
    Timeout,     // the command did not complete within its timeout
    NoConnect,   // the device went away (DID_NO_CONNECT, DID_BAD_TARGET)
    HostError,   // another host adapter failure (reset, abort, parity ...)
    DriverError, // the mid-layer's driver_status reported a failure without sense
};

struct ScsiResult {
    static constexpr std::size_t max_sense = 252; // SPC-4: 8 + 244 additional bytes
    std::uint8_t status = 0;                      // SCSI status byte: 00 GOOD, 02 CHECK CONDITION, 08 BUSY
    std::vector<std::uint8_t> sense;              // up to max_sense bytes, as the drive sent them
    std::size_t residual = 0;                     // bytes of the data buffer not transferred
    TransportStatus transport = TransportStatus::Ok;
    std::uint16_t host_status = 0;   // as reported by SG_IO, for diagnostics
    std::uint16_t driver_status = 0; // as reported by SG_IO, for diagnostics
    std::chrono::milliseconds duration{0};

    bool good() const { return transport == TransportStatus::Ok && status == 0; }
    bool check_condition() const { return transport == TransportStatus::Ok && status == 0x02; }
};

class ScsiTransport {
public:
    virtual ~ScsiTransport() = default;
    // A failure to issue the command at all (bad descriptor, device gone) is an Error; what
    // the command did (including timeouts and host errors) is in ScsiResult.
    virtual Result<ScsiResult> execute(const ScsiRequest& request) = 0;
    // The kernel's limits for one command on this device.
    virtual TransferLimits limits() const = 0;
    // Reopens the device with (or without) O_EXCL; E_IMAPI_RECORDER_LOCKED when another
    // opener holds it. `client_name` is who asks (IMAPI2's clientName).
    virtual Result<void> set_exclusive(bool exclusive, std::string_view client_name = {}) = 0;
    virtual bool exclusive() const = 0;
    // Who holds the device, as far as the system can tell: our own client name while we hold
    // it, otherwise other openers ("growisofs (pid 4242)"); empty when nobody is known.
    virtual std::string exclusive_access_owner() = 0;
    // The name it was opened with: "/dev/sr0", "emu:".
    virtual std::string device_name() const = 0;
    // Waits before a retry (retry_policy.hpp); an emulated device waits on its own clock.
    virtual void pause(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }
    // A device that keeps a virtual clock of its own (an emulated drive in fast mode, where a
    // one-minute erase passes in milliseconds) says what that clock reads, so that what is
    // timed on it is timed in its time; pause() waits on it. nullopt: this machine's time.
    virtual std::optional<std::chrono::steady_clock::time_point> virtual_time() const { return std::nullopt; }
};

} // namespace spindle::recorder
