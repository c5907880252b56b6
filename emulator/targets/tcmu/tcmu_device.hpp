#pragma once
// One drive behind one TCMU ring: takes commands off the ring, runs them on the Drive, and
// completes each at its busy_until. Never blocks: the server's loop calls it when the ring's
// fd is readable and when the next completion is due.
#include "emulator/drive/drive.hpp"
#include "emulator/targets/tcmu/ring.hpp"
#include "emulator/targets/tcmu/uio_ring.hpp"

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <vector>

namespace spindle::tcmu {

using Log = std::function<void(const std::string&)>;

struct DeviceStats {
    std::uint64_t commands = 0;
    std::uint64_t completions = 0;
    std::uint64_t task_management = 0; // TMR entries seen (commands the kernel aborted)
    std::uint64_t data_in_bytes = 0;
};

class TcmuDevice {
public:
    static std::expected<TcmuDevice, std::string> open(Drive& drive, UioRing ring, Log log);

    int fd() const { return ring_.fd(); }
    const std::string& name() const { return ring_.name(); }
    bool alive() const { return alive_; }
    const DeviceStats& stats() const { return stats_; }

    // The ring's fd is readable: run the commands the kernel queued.
    void on_readable();
    // Delivers every completion that is due. Returns how long until the next one is due.
    std::optional<Duration> deliver_due();

private:
    struct Pending {
        DriveTime due;
        std::uint64_t sequence; // keeps equal times in arrival order
        std::uint16_t cmd_id;
        ScsiStatus status;
        std::array<std::uint8_t, scsi::SenseData::fixed_length> sense;
        std::optional<std::uint32_t> read_len;
        bool operator>(const Pending& o) const { return due != o.due ? due > o.due : sequence > o.sequence; }
    };

    TcmuDevice(Drive& drive, UioRing ring, RingLayout layout, Log log);
    void run(const RingEntry& entry);
    void fail(const std::string& why);

    Drive* drive_;
    UioRing ring_;
    RingLayout layout_;
    Log log_;
    std::uint32_t next_ = 0; // the next entry to read
    std::uint32_t tail_ = 0; // where the next response goes
    std::uint64_t sequence_ = 0;
    DriveTime last_due_{0}; // in-order rings only: no completion before an earlier one
    bool alive_ = true;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
    std::vector<std::uint8_t> bounce_; // for commands whose buffers are scattered
    DeviceStats stats_;
};

} // namespace spindle::tcmu
