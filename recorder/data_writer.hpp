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

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spindle::recorder {

// IMAPI_WRITE_SPEED_DESCRIPTOR: one GET PERFORMANCE type 03h descriptor.
struct WriteSpeedDescriptor {
    std::uint32_t write_speed_kbps = 0; // as the drive reports it (1000 bytes/s)
    std::uint32_t sectors_per_second = 0;
    bool pure_cav = false; // WRC 10b (CAV)
    std::uint32_t end_lba = 0;
};

// How DVD-R/-RW are written: incremental (multisession) or disc-at-once (RESERVE TRACK).
enum class DvdMinusMethod : std::uint8_t { Auto, Incremental, DiscAtOnce };

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

    // Settings (put_/get_ pairs of IDiscFormat2Data).
    void set_force_media_to_be_closed(bool v) { close_media_ = v; }
    bool force_media_to_be_closed() const { return close_media_; }
    void set_force_overwrite(bool v) { force_overwrite_ = v; }
    bool force_overwrite() const { return force_overwrite_; }
    void set_buffer_underrun_free_disabled(bool v) { bufe_disabled_ = v; }
    bool buffer_underrun_free_disabled() const { return bufe_disabled_; }
    // Test write (simulation): the drive goes through the motions, the disc stays as it was.
    // CD-R/RW and DVD-R/-RW only (page 05h Test Write); others: MEDIA_IS_NOT_SUPPORTED.
    void set_test_write(bool v) { test_write_ = v; }
    bool test_write() const { return test_write_; }
    // IBurnVerification FULL: read everything back and compare checksums.
    void set_verify(bool v) { verify_ = v; }
    bool verify() const { return verify_; }
    void set_dvd_minus_method(DvdMinusMethod m) { dvd_minus_method_ = m; }
    void set_client_name(std::string name) { client_name_ = std::move(name); }
    const std::string& client_name() const { return client_name_; }
    void set_progress_handler(WriteProgressHandler h) { on_progress_ = std::move(h); }
    void set_clock(ProgressClock c) { clock_ = std::move(c); }
    // How often progress is reported while writing (IMAPI2: every 0.5 s).
    void set_progress_interval(std::chrono::milliseconds d) { progress_interval_ = d; }

    // Media properties, read from the drive on each call.
    Result<MediaProbe> probe() { return probe_media(recorder_->ex()); }
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
    std::int32_t requested_write_speed() const { return requested_speed_; }
    bool requested_rotation_type_is_pure_cav() const { return requested_cav_; }
    Result<std::uint32_t> current_write_speed(); // sectors per second, GET PERFORMANCE 00h

    // Write(IStream): synchronous. Refusals come before anything is written.
    Result<WriteResult> write(ByteStream& stream);
    // CancelWrite: from any thread; the write ends with E_IMAPI_REQUEST_CANCELLED after
    // leaving the disc as a burner leaves it (synced, the track and session closed where the
    // medium needs it). E_IMAPI_DF2DATA_WRITE_NOT_IN_PROGRESS when nothing is being written.
    HResult cancel_write();
    bool write_in_progress() const { return in_progress_.load(); }

    DiscRecorder& recorder() { return *recorder_; }

private:
    friend class BurnRun;

    DiscRecorder* recorder_;
    bool close_media_ = false;
    bool force_overwrite_ = false;
    bool bufe_disabled_ = false;
    bool test_write_ = false;
    bool verify_ = false;
    DvdMinusMethod dvd_minus_method_ = DvdMinusMethod::Auto;
    std::string client_name_ = "spindle";
    WriteProgressHandler on_progress_;
    ProgressClock clock_ = system_progress_clock;
    std::chrono::milliseconds progress_interval_{500};
    std::int32_t requested_speed_ = -1;
    bool requested_cav_ = false;
    std::atomic<bool> in_progress_{false};
    std::atomic<bool> cancel_{false};
};

} // namespace spindle::recorder
