#pragma once
// Sense data (SPC-4 4.5): the one place sense bytes are built (fixed format, 4.5.3 table 26)
// and read (fixed or descriptor format, 4.5.2 table 12).
#include "scsi/bytes.hpp"
#include "scsi/sense_codes.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace spindle::scsi {

// Which byte of the CDB or parameter list an INVALID FIELD names (SPC-4 4.5.2.4.2).
struct FieldPointer {
    bool in_cdb;                     // C/D bit: 1 = CDB, 0 = parameter list
    std::uint16_t byte;              // field pointer
    std::optional<std::uint8_t> bit; // bit pointer (BPV) when the bad field is a bit field
};

// Sense data: built by the drive model (always fixed format, bytes()), read by the recorder
// from whatever a device answered (decode(): fixed or descriptor format).
class SenseData {
public:
    static constexpr std::size_t fixed_length = 18;

    SenseData() = default;
    SenseData(SenseKey key, Asc code) : key_(key), asc_(code.asc), ascq_(code.ascq) {}
    SenseData(SenseKey key, std::uint8_t asc, std::uint8_t ascq) : key_(key), asc_(asc), ascq_(ascq) {}

    // Sense bytes as a device returns them: fixed format (response code 70h/71h, SPC-4 4.5.3
    // table 26) or descriptor format (72h/73h, SPC-4 4.5.2 table 12, with its information,
    // command-specific and sense-key-specific descriptors, 4.5.2.2-4.5.2.4). nullopt when the
    // bytes are too short to hold the sense key or the response code is none of these.
    // Fixed sense shorter than 18 bytes keeps what it holds (ASC and ASCQ default to 0).
    static std::optional<SenseData> decode(std::span<const std::uint8_t> bytes);

    SenseKey key() const { return key_; }
    std::uint8_t asc() const { return asc_; }
    std::uint8_t ascq() const { return ascq_; }
    bool matches(SenseKey key, Asc code) const { return key_ == key && asc_ == code.asc && ascq_ == code.ascq; }
    bool matches(SenseKey key) const { return key_ == key; }
    bool matches(Asc code) const { return asc_ == code.asc && ascq_ == code.ascq; }
    // The same key, ASC and ASCQ: the same condition, whatever the other fields say.
    bool same_code(const SenseData& o) const { return key_ == o.key_ && asc_ == o.asc_ && ascq_ == o.ascq_; }
    // "2/3A/01": key, ASC, ASCQ in hex, as logs and error texts write sense.
    std::string code_text() const;

    // The INFORMATION field when the sense marks it valid (for a medium error, the LBA that failed).
    std::optional<std::uint64_t> information() const { return information_; }
    std::uint32_t command_specific() const { return command_specific_; }
    // The three sense-key-specific bytes, when SKSV is set (SPC-4 4.5.2.4).
    std::optional<std::array<std::uint8_t, 3>> sense_key_specific() const { return sense_key_specific_; }
    bool deferred() const { return deferred_; } // response code 71h/73h: about an earlier command

    SenseData& with_field_pointer(FieldPointer p);
    // Progress indication (SPC-4 4.5.2.4.4): fraction of 65536 done, for NOT READY / NO SENSE.
    SenseData& with_progress(std::uint16_t fraction_of_65536);
    SenseData& with_information(std::uint32_t info);
    SenseData& with_command_specific(std::uint32_t info);
    // For faults that need raw sense-key-specific bytes.
    SenseData& with_sense_key_specific(std::array<std::uint8_t, 3> sks);
    SenseData& as_deferred();

    // Fixed format, 18 bytes. INFORMATION wider than 32 bits does not fit: VALID is then clear.
    std::array<std::uint8_t, fixed_length> bytes() const;

private:
    SenseKey key_ = SenseKey::NoSense;
    std::uint8_t asc_ = 0;
    std::uint8_t ascq_ = 0;
    std::optional<std::uint64_t> information_;
    std::uint32_t command_specific_ = 0;
    std::optional<std::array<std::uint8_t, 3>> sense_key_specific_;
    bool deferred_ = false;
};

// Any sense as 18 fixed-format bytes (IMAPI2's SenseBuffer): fixed sense is kept as the device
// sent it (its first 18 bytes), descriptor sense is re-encoded; all zeros when the bytes are no
// sense at all.
std::array<std::uint8_t, SenseData::fixed_length> fixed_sense_bytes(std::span<const std::uint8_t> sense);

namespace sense {
inline SenseData make(SenseKey key, Asc code) { return SenseData(key, code); }
inline SenseData illegal_request(Asc code) { return SenseData(SenseKey::IllegalRequest, code); }
inline SenseData not_ready(Asc code) { return SenseData(SenseKey::NotReady, code); }
inline SenseData unit_attention(Asc code) { return SenseData(SenseKey::UnitAttention, code); }
// 5/24/00 naming the CDB byte (and bit) at fault.
SenseData invalid_field_in_cdb(std::uint16_t byte, std::optional<std::uint8_t> bit = std::nullopt);
// 5/26/00 (or another 5/26/xx) naming the parameter-list byte (and bit) at fault.
SenseData invalid_field_in_parameter_list(std::uint16_t byte, std::optional<std::uint8_t> bit = std::nullopt,
                                          Asc code = asc::invalid_field_in_parameter_list);
SenseData invalid_opcode();
} // namespace sense

} // namespace spindle::scsi
