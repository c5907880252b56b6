#pragma once
// A TCMU device's UIO node: found by its name in /sys/class/uio, opened, its ring mapped.
// The system calls of the TCMU target live here and in configfs.cpp only.
#include "emulator/targets/tcmu/ring.hpp"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace spindle::tcmu {

class UioRing {
public:
    // The UIO device whose name is "tcm-user/<hba>/<device>/<dev_config>".
    static std::expected<UioRing, std::string> open(std::string_view device, std::string_view dev_config,
                                                    const std::filesystem::path& sysfs = "/sys");
    // A ring over bytes the caller owns, with no device behind it (tests of TcmuDevice):
    // acknowledge and notify do nothing.
    static UioRing in_memory(MutableByteView map, std::string name);
    UioRing(UioRing&& other) noexcept;
    UioRing& operator=(UioRing&&) = delete;
    UioRing(const UioRing&) = delete;
    ~UioRing();

    int fd() const { return fd_; }
    const std::string& name() const { return name_; }
    MutableByteView map() const { return {base_, size_}; }

    // Acquire/release access to the mailbox words shared with the kernel.
    std::uint32_t load_head() const;
    void store_tail(std::uint32_t tail) const;

    // Consumes the pending interrupt count (the fd is readable). false when the device is gone.
    std::expected<bool, std::string> acknowledge() const;
    // Tells the kernel that cmd_tail moved.
    std::expected<void, std::string> notify() const;

private:
    UioRing(int fd, std::uint8_t* base, std::size_t size, std::string name)
        : fd_(fd), base_(base), size_(size), name_(std::move(name)) {}
    int fd_ = -1;
    std::uint8_t* base_ = nullptr;
    std::size_t size_ = 0;
    std::string name_;
};

// "tcm-user/<hba>/<device>/<dev_config>" -> whether it names this device.
bool uio_name_matches(std::string_view uio_name, std::string_view device, std::string_view dev_config);

} // namespace spindle::tcmu
