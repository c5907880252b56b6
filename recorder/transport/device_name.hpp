#pragma once
// Device names, the same in the library and the CLI:
//   /dev/srN, /dev/sgN (or any path to an SG_IO-capable node)    SgioTransport
//   SCHEME:...                                                   a registered transport scheme
// The recorder knows SG_IO only. Other schemes are registered by whoever links them: the
// emulator bridge registers emu: (bridge/emu_scheme.hpp), an in-process drive.
#include "recorder/transport/scsi_transport.hpp"
#include "recorder/transport/syscalls.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace spindle::recorder {

// The scheme of in-process emulated drives, which the emulator bridge registers.
inline constexpr std::string_view emulator_scheme = "emu:";

// How an in-process drive keeps time (for schemes that have one, such as emu:).
enum class ClockKind : std::uint8_t {
    Virtual, // busy_until advances the clock at once: a 70 s hang costs nothing
    Real,    // busy_until is waited out in real time
};

struct OpenOptions {
    bool exclusive = false;
    ClockKind clock = ClockKind::Real; // for in-process drives
    Syscalls* syscalls = nullptr;      // nullptr: the real ones
    std::string sysfs_root = "/sys";
};

// Opens the transport a name names: a registered scheme's when the name starts with its
// prefix, SG_IO otherwise.
Result<std::unique_ptr<ScsiTransport>> open_transport(std::string_view name, const OpenOptions& options = {});
// True when no registered scheme claims the name: it names a kernel device.
bool names_a_kernel_device(std::string_view name);

using TransportOpener =
    std::function<Result<std::unique_ptr<ScsiTransport>>(std::string_view name, const OpenOptions& options)>;
// Names starting with `prefix` ("emu:") open through `opener` from now on; registering a
// prefix again replaces its opener.
void register_transport_scheme(std::string prefix, TransportOpener opener);

} // namespace spindle::recorder
