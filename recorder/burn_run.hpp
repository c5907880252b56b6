#pragma once
// One DataWriter::write: validation, preparing the medium, writing, closing and verifying,
// each a step with the IMAPI2 write action it reports. Internal to the recorder.
#include "recorder/block_hash.hpp"
#include "recorder/data_writer.hpp"
#include "recorder/page_buffer.hpp"
#include "recorder/write_settings.hpp"

#include <atomic>
#include <optional>

namespace spindle::recorder {

// Who hears of the burn and how it is timed and cancelled: DataWriter's progress handler,
// its clock and its CancelWrite flag.
struct BurnEvents {
    WriteProgressHandler on_progress;
    ProgressClock clock = system_progress_clock;
    const std::atomic<bool>* cancel = nullptr; // set from any thread: the burn ends at the next step
};

class BurnRun {
public:
    // `medium`: the writer's probe of the loaded disc when it is still current; without one
    // the burn probes it first. Either way one probe, and one more after a blank or a format.
    BurnRun(DiscRecorderEx& ex, WriteSettings settings, BurnEvents events, std::optional<MediaProbe> medium,
            ByteStream& stream);
    Result<WriteResult> run();

private:
    // burn_run.cpp: the steps
    Result<void> validate();
    Result<void> prepare();
    Result<void> write_data();
    Result<void> finish();
    Result<void> verify();
    // After a cancel or a failure mid-write: the disc as a burner leaves it. Says what was
    // written and which steps took ("wrote 992 sectors ... , closed the session"); "" when
    // nothing was written.
    std::string leave_consistent();
    Result<void> write_chunk(std::span<const std::uint8_t> blocks);
    // The stream, through what validate() looked ahead at.
    Result<std::size_t> read_stream(std::span<std::uint8_t> out);
    Result<void> verify_read_failed(const Error& e, std::uint32_t lba, std::uint32_t blocks) const;

    // burn_commands.cpp: the MMC commands of the sequences
    Result<void> set_write_speed();
    Result<void> set_write_parameters(bool dao);
    Result<void> reserve_track(std::uint32_t blocks);
    Result<void> synchronize_cache();
    Result<void> close(std::uint8_t function, std::uint16_t track);
    Result<void> blank_minimal();
    Result<void> format_for_writing();
    void calibrate_power();
    Result<void> wait_for_drive(WriteAction action);
    Result<std::uint32_t> formattable_blocks();
    void read_buffer_capacity(WriteProgress& p);

    void emit(WriteAction action, bool with_buffer = false);
    double seconds_since(std::chrono::steady_clock::time_point t) const;
    bool cancelled() const { return events_.cancel != nullptr && events_.cancel->load(); }

    DiscRecorderEx& ex_;
    const WriteSettings settings_;
    const BurnEvents events_;
    ByteStream& stream_;
    std::optional<MediaProbe> given_probe_; // the writer's, used by validate() instead of probing
    MediaProbe probe_;
    std::optional<std::uint64_t> stream_size_;
    std::uint32_t planned_blocks_ = 0; // padded; 0 when the size is unknown
    std::uint32_t limit_blocks_ = 0;   // where the writable space ends
    bool blank_first_ = false;
    bool dao_ = false;
    bool data_written_ = false;
    std::uint32_t start_lba_ = 0;
    std::uint32_t next_lba_ = 0;
    std::uint64_t stream_bytes_ = 0;
    std::vector<std::uint8_t> lookahead_; // a stream of unknown size: its first bytes
    std::size_t lookahead_used_ = 0;
    BlockHash hash_;
    PageBuffer buffer_;
    WriteAction action_ = WriteAction::ValidatingMedia;
    std::optional<double> operation_fraction_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point action_started_;
    std::chrono::steady_clock::time_point last_emit_;
    std::uint32_t verified_blocks_ = 0;
    double write_seconds_ = 0;
};

} // namespace spindle::recorder
