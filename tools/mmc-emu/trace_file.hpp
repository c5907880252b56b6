#pragma once
// `--trace FILE`: the drives' command logs and control events written as they happen to a Chrome
// trace (trace_events.hpp), which Perfetto and chrome://tracing open. A thread copies what is new
// every few milliseconds, so a long run is traced whole although the log keeps only its newest
// commands; should a drive outrun it, the commands missed are marked in the trace.
#include "emulator/targets/served_drive.hpp"

#include <CLI/CLI.hpp>

#include <condition_variable>
#include <cstdio>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace spindle::cli {

class TraceFile {
public:
    // Creates FILE and starts copying; each drive is a thread of the trace, named as the drive.
    static std::expected<std::unique_ptr<TraceFile>, std::string> start(const std::filesystem::path& file,
                                                                        std::vector<ServedDrive*> drives);
    ~TraceFile();
    TraceFile(const TraceFile&) = delete;
    TraceFile& operator=(const TraceFile&) = delete;

    // Copies what is left and completes the JSON (also done by the destructor).
    void finish();

    struct Cursor; // what of one drive was written

private:
    TraceFile(std::FILE* out, std::vector<ServedDrive*> drives);
    void copy_new(bool last);
    void write(const std::string& event);

    std::FILE* out_;
    std::vector<ServedDrive*> drives_;
    std::vector<std::unique_ptr<Cursor>> cursors_;
    bool first_ = true;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread copier_;
};

// The option run and exec share.
void add_trace_option(CLI::App* cmd, std::string& file);

} // namespace spindle::cli
