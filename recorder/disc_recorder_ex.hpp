#pragma once
// IDiscRecorder2Ex: raw commands and the MMC structures IMAPI2 exposes, over a ScsiTransport.
// Methods keep IMAPI2's names (snake_case), arguments and error values; out-buffers become
// return values. Every variable-length answer is read twice: once for its header, then with
// the exact allocation length the header announced; a drive that answers inconsistently gets
// E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE.
#include "recorder/error.hpp"
#include "recorder/imapi_types.hpp"
#include "recorder/retry_policy.hpp"
#include "recorder/transport/scsi_transport.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace spindle::recorder {

using Bytes = std::vector<std::uint8_t>;

// The outcome of a SendCommand* call that reached the drive. `hr` is S_OK, or
// S_IMAPI_COMMAND_HAS_SENSE_DATA when the drive failed the command with sense (a success
// code in IMAPI2: the call worked, the command did not).
struct CommandOutcome {
    HResult hr = hr::s_ok;
    std::array<std::uint8_t, 18> sense{}; // fixed format, IMAPI2's SenseBuffer[18]
    std::uint32_t bytes_fetched = 0;      // GetDataFromDevice: bytes the drive returned
    std::uint8_t status = 0;              // SCSI status byte
};

// GetAdapterDescriptor: the host side of a transfer — the Linux counterpart of
// STORAGE_ADAPTER_DESCRIPTOR. transfer_limits.hpp documents where each number comes from.
struct AdapterDescriptor {
    std::uint32_t maximum_transfer_length = 0;   // bytes: queue max_hw_sectors_kb * 1024
    std::uint32_t maximum_physical_pages = 0;    // queue max_segments
    std::uint32_t alignment_mask = 0;            // queue dma_alignment (0 byte, 3 dword, 511 sector)
    std::uint32_t max_page_aligned_transfer = 0; // GetMaximumPageAlignedTransferSize
    std::uint32_t max_non_page_aligned_transfer = 0;
    std::uint32_t max_sectors_bytes = 0; // queue max_sectors_kb * 1024: file-system I/O, not SG_IO
    std::uint32_t sg_reserved_bytes = 0; // SG_GET_RESERVED_SIZE (0 = unknown / not sg)
    std::uint32_t page_size = 0;
    std::string bus;    // "ata", "usb", "scsi", "tcm_loop", "emulated"
    std::string source; // where the limits were read
};

// GetDeviceDescriptor: the device side — STORAGE_DEVICE_DESCRIPTOR's facts from INQUIRY.
struct DeviceDescriptor {
    std::uint8_t device_type = 0; // INQUIRY byte 0 bits 4-0 (05h: MMC device)
    bool removable_media = false; // RMB, byte 1 bit 7
    std::uint8_t version = 0;     // byte 2
    std::string vendor_id;        // bytes 8-15, trailing spaces removed
    std::string product_id;       // bytes 16-31
    std::string product_revision; // bytes 32-35
    std::string serial_number;    // VPD page 80h, empty when the drive has none
    std::string bus;              // as in AdapterDescriptor
    std::string device_path;      // "/dev/sr0", "emu:"
    Bytes inquiry;                // the whole standard INQUIRY answer
};

class DiscRecorderEx {
public:
    explicit DiscRecorderEx(ScsiTransport& transport) : transport_(&transport) {}

    // Raw commands. The CDB must be 6..16 bytes and match its opcode group (00-1F: 6, 20-5F:
    // 10, 80-9F: 16, A0-BF: 12, C0-FF: any of 6..16); timeout in seconds, at least 1.
    Result<CommandOutcome> send_command_no_data(std::span<const std::uint8_t> cdb, std::uint32_t timeout_seconds);
    Result<CommandOutcome> send_command_send_data_to_device(std::span<const std::uint8_t> cdb,
                                                            std::uint32_t timeout_seconds,
                                                            std::span<const std::uint8_t> buffer);
    Result<CommandOutcome> send_command_get_data_from_device(std::span<const std::uint8_t> cdb,
                                                             std::uint32_t timeout_seconds,
                                                             std::span<std::uint8_t> buffer);

    // READ / SEND DISC STRUCTURE (ADh / BFh), DVD media type, header stripped / added.
    Result<Bytes> read_dvd_structure(std::uint32_t format, std::uint32_t address, std::uint32_t layer,
                                     std::uint32_t agid);
    Result<void> send_dvd_structure(std::uint32_t format, std::span<const std::uint8_t> data);

    Result<AdapterDescriptor> get_adapter_descriptor();
    Result<DeviceDescriptor> get_device_descriptor();

    Result<Bytes> get_disc_information();                                                  // 51h, whole answer
    Result<Bytes> get_track_information(std::uint32_t address, ReadTrackAddressType type); // 52h, whole answer
    // One feature descriptor (its 4-byte descriptor header kept, the 8-byte feature header
    // stripped). NO_SUCH_FEATURE when absent; FEATURE_IS_NOT_CURRENT when current_only and
    // the Current bit is clear.
    Result<Bytes> get_feature_page(FeaturePageType feature, bool current_only);
    // The page (page code byte through its last byte): the mode parameter header and block
    // descriptors stripped, as IDiscRecorder2Ex::GetModePage documents it.
    Result<Bytes> get_mode_page(ModePageType page, ModePageRequestType type);
    // IMAPI2's own signature: the page in a buffer from task_mem_alloc (task_memory.hpp) that
    // the caller frees with task_mem_free. E_POINTER for a null out-pointer, E_OUTOFMEMORY when
    // the buffer cannot be allocated; otherwise what get_mode_page above returns. `error`, when
    // given, receives the whole Error (sense, CDB) of a failure.
    HResult get_mode_page(ModePageType page, ModePageRequestType type, std::uint8_t** mode_page_data,
                          std::uint32_t* byte_size, Error* error = nullptr);
    // MODE SELECT(10) of one whole page; type Current, or Saved (SP=1). Others: E_INVALIDARG.
    Result<void> set_mode_page(ModePageRequestType type, std::span<const std::uint8_t> page);

    Result<std::vector<FeaturePageType>> get_supported_feature_pages(bool current_only);
    Result<std::vector<ProfileType>> get_supported_profiles(bool current_only);
    Result<std::vector<ModePageType>> get_supported_mode_pages(ModePageRequestType type);

    // Buffers whose address has none of the mask's bits set are mapped without a bounce copy
    // (the value is a mask, as STORAGE_ADAPTER_DESCRIPTOR.AlignmentMask: 0 byte, 3 dword).
    Result<std::uint32_t> get_byte_alignment_mask();
    Result<std::uint32_t> get_maximum_non_page_aligned_transfer_size();
    Result<std::uint32_t> get_maximum_page_aligned_transfer_size();

    // Beyond IMAPI2: READ(10) / WRITE(10) of whole 2048-byte blocks, split into commands no
    // larger than the kernel takes for this buffer (page-aligned or not, transfer_limits.hpp)
    // and, for writes, into multiples of `write_unit` blocks (16 for DVD, 32 for BD).
    Result<void> read_blocks(std::uint32_t lba, std::span<std::uint8_t> out);
    Result<void> write_blocks(std::uint32_t lba, std::span<const std::uint8_t> in, std::uint32_t write_unit = 1);
    // The largest transfer for a buffer starting at `p`.
    std::uint32_t max_transfer_for(const void* p) const;

    // The command path the methods above use, for the recorder's own commands: retries unit
    // attentions, maps failures through the sense table, checks residuals.
    struct Transfer {
        DataDirection direction = DataDirection::None;
        std::span<std::uint8_t> in{};
        std::span<const std::uint8_t> out{};
        std::chrono::milliseconds timeout{30'000};
    };
    // Bytes received (FromDevice), 0 otherwise.
    Result<std::size_t> run(std::span<const std::uint8_t> cdb, const Transfer& transfer);
    // A variable-length answer whose first `header` bytes say, through `total_length`, how
    // long the whole answer is. `make_cdb` builds the CDB for an allocation length.
    template <class MakeCdb, class TotalLength>
    Result<Bytes> read_variable(MakeCdb make_cdb, std::size_t header, std::size_t max_allocation,
                                TotalLength total_length);

    ScsiTransport& transport() { return *transport_; }
    // How long the command path waits for a drive becoming ready or busy (retry_policy.hpp).
    void set_retry_limits(RetryLimits limits) { retry_limits_ = limits; }
    const RetryLimits& retry_limits() const { return retry_limits_; }
    // Commands handed to the transport so far (each retry counted): a caller that remembers
    // the count after its own commands can tell whether anything else reached the drive since.
    std::uint64_t commands_sent() const { return commands_sent_; }

private:
    Result<CommandOutcome> send_raw(std::span<const std::uint8_t> cdb, std::uint32_t timeout_seconds,
                                    DataDirection direction, std::span<std::uint8_t> in,
                                    std::span<const std::uint8_t> out);
    // Whether the drive's mechanism holds a disc it cannot read (the upside-down heuristic).
    bool disc_present_per_gesn();
    Result<Bytes> get_configuration(std::uint8_t rt, FeaturePageType start);
    Result<Bytes> mode_sense(std::uint8_t page, ModePageRequestType type);

    ScsiTransport* transport_;
    RetryLimits retry_limits_;
    std::uint64_t commands_sent_ = 0;
};

// SDK-API SendCommandGetDataFromDevice: whether `size` fits the opcode's group.
bool cdb_size_matches_opcode(std::uint8_t opcode, std::size_t size);

template <class MakeCdb, class TotalLength>
Result<Bytes> DiscRecorderEx::read_variable(MakeCdb make_cdb, std::size_t header, std::size_t max_allocation,
                                            TotalLength total_length) {
    Bytes head(header);
    auto cdb = make_cdb(static_cast<std::uint32_t>(header));
    auto got = run(cdb, Transfer{DataDirection::FromDevice, head, {}});
    if (!got) return std::unexpected(got.error());
    if (*got < header)
        return std::unexpected(Error(hr::invalid_response_from_device,
                                     "answer shorter than its header (" + std::to_string(*got) + " bytes)")
                                   .with_cdb(cdb));
    const std::size_t total = total_length(std::span<const std::uint8_t>(head));
    if (total < header || total > max_allocation)
        return std::unexpected(
            Error(hr::invalid_response_from_device, "header announces " + std::to_string(total) + " bytes")
                .with_cdb(cdb));
    if (total == header) return head;
    Bytes full(total);
    cdb = make_cdb(static_cast<std::uint32_t>(total));
    got = run(cdb, Transfer{DataDirection::FromDevice, full, {}});
    if (!got) return std::unexpected(got.error());
    if (*got != total || total_length(std::span<const std::uint8_t>(full)) != total)
        return std::unexpected(Error(hr::invalid_response_from_device,
                                     "announced " + std::to_string(total) + " bytes, sent " + std::to_string(*got))
                                   .with_cdb(cdb));
    return full;
}

} // namespace spindle::recorder
