#include "tools/mmc-emu/trace_file.hpp"

#include "tools/mmc-emu/trace_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace spindle::cli {

namespace {
constexpr auto copy_interval = std::chrono::milliseconds(20);
}

struct TraceFile::Cursor {
    int tid = 0;
    std::uint64_t next_command = 1;
    std::uint64_t last_event = 0;
    std::uint64_t buffer_used = UINT64_MAX; // the counters' last values: a sample only on a change
    std::uint64_t write_rate = UINT64_MAX;
    // Read but not yet written: items later than the drive's clock when read, which something
    // read next time may precede.
    std::vector<std::pair<DriveTime, std::string>> pending;
};

std::expected<std::unique_ptr<TraceFile>, std::string> TraceFile::start(const std::filesystem::path& file,
                                                                        std::vector<ServedDrive*> drives) {
    std::FILE* out = std::fopen(file.c_str(), "we");
    if (out == nullptr)
        return std::unexpected(fmt::format("--trace: cannot create {}: {}", file.string(), std::strerror(errno)));
    return std::unique_ptr<TraceFile>(new TraceFile(out, std::move(drives)));
}

TraceFile::TraceFile(std::FILE* out, std::vector<ServedDrive*> drives) : out_(out), drives_(std::move(drives)) {
    // An unfinished array still loads in the viewers: a run killed outright leaves a usable trace.
    std::fputs("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n", out_);
    write(trace_process_name("mmc-emu"));
    for (std::size_t i = 0; i < drives_.size(); ++i) {
        auto c = std::make_unique<Cursor>();
        c->tid = static_cast<int>(i) + 1;
        write(trace_thread_name(c->tid, drives_[i]->name()));
        cursors_.push_back(std::move(c));
    }
    std::fflush(out_);
    copier_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, copy_interval, [this] { return stopping_; })) copy_new(false);
    });
}

TraceFile::~TraceFile() { finish(); }

void TraceFile::finish() {
    if (out_ == nullptr) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    copier_.join();
    copy_new(true);
    std::fputs("\n]}\n", out_);
    std::fclose(out_);
    out_ = nullptr;
}

void TraceFile::write(const std::string& event) {
    std::fputs(first_ ? "" : ",\n", out_);
    std::fputs(event.c_str(), out_);
    first_ = false;
}

// Called with mutex_ held (or after the copier ended).
void TraceFile::copy_new(bool last) {
    for (std::size_t i = 0; i < drives_.size(); ++i) {
        ServedDrive& drive = *drives_[i];
        Cursor& c = *cursors_[i];
        std::vector<faults::LogEntry> commands;
        std::uint64_t oldest = 0, used = 0, rate = 0, capacity = 0;
        DriveTime now{0};
        drive.with([&](Drive& d) {
            const auto& log = d.faults().log();
            oldest = log.entries().empty() ? log.next_sequence() : log.entries().front().sequence;
            for (const auto& e : log.entries())
                if (e.sequence >= c.next_command) commands.push_back(e);
            capacity = log.capacity();
            now = d.clock().now();
            used = d.state().buffer.used_bytes(now);
            rate = d.state().buffer.drain_rate();
        });
        // Read after the log: whatever happens from here on happens at `now` or later.
        const auto events = drive.events_after(c.last_event);
        auto& p = c.pending;
        if (oldest > c.next_command) {
            const DriveTime at = commands.empty() ? now : commands.front().time;
            const auto what = fmt::format("{} commands not traced: the command log keeps the newest {}",
                                          oldest - c.next_command, capacity);
            p.emplace_back(at, trace_control(ControlEvent{0, oldest, at, what}, c.tid));
        }
        for (const auto& e : commands) {
            p.emplace_back(e.time, trace_command(e, c.tid));
            c.next_command = e.sequence + 1;
        }
        c.next_command = std::max(c.next_command, oldest);
        for (const auto& e : events) {
            p.emplace_back(e.time, trace_control(e, c.tid));
            c.last_event = e.id;
        }
        const auto name = drive.name();
        if (used != c.buffer_used) p.emplace_back(now, trace_counter(name + " buffer (bytes)", now, used, c.tid));
        if (rate != c.write_rate) p.emplace_back(now, trace_counter(name + " write speed (bytes/s)", now, rate, c.tid));
        c.buffer_used = used;
        c.write_rate = rate;
        std::ranges::stable_sort(p, {}, &std::pair<DriveTime, std::string>::first);
        const auto due =
            last ? p.end() : std::ranges::upper_bound(p, now, {}, &std::pair<DriveTime, std::string>::first);
        for (auto it = p.begin(); it != due; ++it) write(it->second);
        p.erase(p.begin(), due);
    }
    std::fflush(out_);
}

void add_trace_option(CLI::App* cmd, std::string& file) {
    cmd->add_option("--trace", file,
                    "Write every drive's commands (arrival to answer, CDB, status, sense, bytes, fault rules),\n"
                    "buffer fill, write speed and tray/medium/state changes to FILE as they happen, as a\n"
                    "Chrome trace (JSON) that Perfetto (ui.perfetto.dev) and chrome://tracing open; one\n"
                    "thread per drive, times on the drive's clock");
}

} // namespace spindle::cli
