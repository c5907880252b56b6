#pragma once
// Fixed-format sense data (SPC-4 4.5.3, table 26): the one place sense bytes are built.
#include "scsi/bytes.hpp"
#include "scsi/sense_codes.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace spindle::scsi {

// Which byte of the CDB or parameter list an INVALID FIELD names (SPC-4 4.5.2.4.2).
struct FieldPointer {
    bool in_cdb;                     // C/D bit: 1 = CDB, 0 = parameter list
    std::uint16_t byte;              // field pointer
    std::optional<std::uint8_t> bit; // bit pointer (BPV) when the bad field is a bit field
};

class SenseData {
public:
    static constexpr std::size_t fixed_length = 18;

    SenseData() = default;
    SenseData(SenseKey key, Asc code) : key_(key), asc_(code.asc), ascq_(code.ascq) {}

    SenseKey key() const { return key_; }
    std::uint8_t asc() const { return asc_; }
    std::uint8_t ascq() const { return ascq_; }
    bool matches(SenseKey key, Asc code) const { return key_ == key && asc_ == code.asc && ascq_ == code.ascq; }

    SenseData& with_field_pointer(FieldPointer p);
    // Progress indication (SPC-4 4.5.2.4.4): fraction of 65536 done, for NOT READY / NO SENSE.
    SenseData& with_progress(std::uint16_t fraction_of_65536);
    SenseData& with_information(std::uint32_t info);
    SenseData& with_command_specific(std::uint32_t info);
    // For faults that need raw sense-key-specific bytes.
    SenseData& with_sense_key_specific(std::array<std::uint8_t, 3> sks);

    std::array<std::uint8_t, fixed_length> bytes() const;

private:
    SenseKey key_ = SenseKey::NoSense;
    std::uint8_t asc_ = 0;
    std::uint8_t ascq_ = 0;
    std::optional<std::uint32_t> information_;
    std::uint32_t command_specific_ = 0;
    std::optional<std::array<std::uint8_t, 3>> sense_key_specific_;
};

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
