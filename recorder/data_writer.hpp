#pragma once
// IDiscFormat2Data: writes a data stream to a recordable disc with the command sequence a
// careful burner uses for that medium (libburn doc/cookbook.txt and
// libburn/write.c, growisofs; recorder/README.md lists them),
// reports progress as IDiscFormat2DataEventArgs, can be cancelled from another thread and
// verifies what it wrote by reading it back.
#include "recorder/byte_stream.hpp"
#include "recorder/disc_recorder.hpp"
#include "recorder/format_types.hpp"
#include "recorder/media_probe.hpp"
#include "recorder/write_settings.hpp"
#include "recorder/write_speed.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spindle::recorder {

struct WriteResult {
    std::uint32_t start_lba = 0;
    std::uint32_t sectors = 0;
    std::uint64_t bytes = 0;               // of the stream
    std::optional<std::uint64_t> checksum; // BlockHash of the written sectors, when verifying
    bool verified = false;
    bool simulated = false;
    double write_seconds = 0; // writing data only
    double total_seconds = 0;
};

class DataWriter {
public:
    explicit DataWriter(DiscRecorder& recorder) : recorder_(&recorder) {}

    // Settings (put_/get_ pairs of IDiscFormat2Data), kept as one value (write_settings.hpp).
    const WriteSettings& settings() const { return settings_; }
    void set_force_media_to_be_closed(bool v) { settings_.force_media_to_be_closed = v; }
    bool force_media_to_be_closed() const { return settings_.force_media_to_be_closed; }
    void set_force_overwrite(bool v) { settings_.force_overwrite = v; }
    bool force_overwrite() const { return settings_.force_overwrite; }
    void set_buffer_underrun_free_disabled(bool v) { settings_.buffer_underrun_free_disabled = v; }
    bool buffer_underrun_free_disabled() const { return settings_.buffer_underrun_free_disabled; }
    // Test write (simulation): the drive goes through the motions, the disc stays as it was.
    // CD-R/RW and DVD-R/-RW only (page 05h Test Write); others: MEDIA_IS_NOT_SUPPORTED.
    void set_test_write(bool v) { settings_.test_write = v; }
    bool test_write() const { return settings_.test_write; }
    // IBurnVerification FULL: read everything back and compare checksums.
    void set_verify(bool v) { settings_.verify = v; }
    bool verify() const { return settings_.verify; }
    void set_dvd_minus_method(DvdMinusMethod m) { settings_.dvd_minus_method = m; }
    DvdMinusMethod dvd_minus_method() const { return settings_.dvd_minus_method; }
    void set_client_name(std::string name) { settings_.client_name = std::move(name); }
    const std::string& client_name() const { return settings_.client_name; }
    void set_progress_handler(WriteProgressHandler h) { on_progress_ = std::move(h); }
    void set_clock(ProgressClock c) { clock_ = std::move(c); }
    // How often progress is reported while writing (IMAPI2: every 0.5 s).
    void set_progress_interval(std::chrono::milliseconds d) { settings_.progress_interval = d; }

    // Media properties, read from the drive on each call. The writer keeps the last probe:
    // the speed calls and the next write() use it instead of probing again, as long as no
    // command but the writer's own has gone through this recorder since (a write, a blank,
    // another DataWriter, an eject: each makes the next use probe afresh) and, for write(),
    // the drive answers a TEST UNIT READY without a unit attention (a disc changed by hand).
    Result<MediaProbe> probe();
    Result<std::uint32_t> current_media_status();
    Result<std::uint16_t> current_physical_media_type(); // the MMC profile
    Result<bool> is_current_media_supported();
    Result<bool> media_heuristically_blank();
    Result<std::uint32_t> total_sectors_on_media();
    Result<std::uint32_t> free_sectors_on_media();
    Result<std::int32_t> next_writable_address();
    // -1 when there is no previous session.
    Result<std::int32_t> start_address_of_previous_session();
    Result<std::int32_t> last_written_address_of_previous_session();

    // Speeds (GET PERFORMANCE 03h; SET STREAMING on DVD/BD, SET CD SPEED on CD).
    Result<std::vector<WriteSpeedDescriptor>> supported_write_speed_descriptors();
    Result<std::vector<std::uint32_t>> supported_write_speeds(); // sectors per second
    // -1: the fastest. S_OK, or S_IMAPI_SPEEDADJUSTED / ROTATIONADJUSTED / BOTHADJUSTED when
    // the drive's nearest speed differs from the request.
    Result<HResult> set_write_speed(std::int32_t sectors_per_second, bool rotation_pure_cav);
    std::int32_t requested_write_speed() const { return settings_.requested_speed; }
    bool requested_rotation_type_is_pure_cav() const { return settings_.requested_rotation_pure_cav; }
    Result<std::uint32_t> current_write_speed(); // sectors per second, GET PERFORMANCE 00h

    // Write(IStream): synchronous. Refusals come before anything is written. One medium probe
    // (the writer's current one, or a new one; another after a blank or a format).
    Result<WriteResult> write(ByteStream& stream);
    // CancelWrite: from any thread; the write ends with E_IMAPI_REQUEST_CANCELLED after
    // leaving the disc as a burner leaves it (synced, the track and session closed where the
    // medium needs it). E_IMAPI_DF2DATA_WRITE_NOT_IN_PROGRESS when nothing is being written.
    HResult cancel_write();
    bool write_in_progress() const { return in_progress_.load(); }

    DiscRecorder& recorder() { return *recorder_; }

private:
    // The medium as the writer last probed it, while nothing but the writer's own commands
    // reached the drive since; otherwise nothing.
    std::optional<MediaProbe> current_probe() const;
    // The held probe, or a new one.
    Result<MediaProbe> probe_unless_current();
    // After the writer's own commands (speeds): the held probe still describes the medium.
    void keep_probe_current();
    // Whether the drive answers a TEST UNIT READY with GOOD: no unit attention (a disc
    // changed by hand or by another program's eject, a reset) since the held probe.
    bool medium_unchanged();

    struct HeldProbe {
        MediaProbe probe;
        std::uint64_t commands_sent = 0; // DiscRecorderEx::commands_sent() after the writer's last command
    };

    DiscRecorder* recorder_;
    WriteSettings settings_;
    WriteProgressHandler on_progress_;
    ProgressClock clock_ = system_progress_clock;
    std::optional<HeldProbe> held_;
    std::atomic<bool> in_progress_{false};
    std::atomic<bool> cancel_{false};
};

} // namespace spindle::recorder
