#pragma once
// Everything `mmc-emu exec` shows of its drives: the testbed (testbed.hpp), the handlers of each
// drive's nodes (node_handler.hpp) and SG_IO's fast path (sgio_channel.hpp). Made before the
// program starts, kept until it ends.
#include "emulator/targets/exec/node_handler.hpp"
#include "emulator/targets/exec/sgio_channel.hpp"
#include "emulator/targets/exec/testbed.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace spindle::exec {

class ExecDevices {
public:
    // Drive i becomes /dev/srI, /dev/scdI and /dev/sgI. The drives must outlive this.
    static std::expected<std::unique_ptr<ExecDevices>, std::string> create(const std::vector<ServedDrive*>& drives);
    ~ExecDevices();
    const std::filesystem::path& root() const { return testbed_->root(); }

private:
    ExecDevices() = default;
    std::unique_ptr<Testbed> testbed_;
    std::vector<std::unique_ptr<ExecDrive>> drives_;
    std::vector<std::unique_ptr<NodeHandler>> handlers_;
    std::unique_ptr<SgioChannel> channel_;
};

} // namespace spindle::exec
