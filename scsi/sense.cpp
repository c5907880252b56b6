#include "scsi/sense.hpp"

namespace spindle::scsi {

SenseData& SenseData::with_field_pointer(FieldPointer p) {
    // SKSV | C/D | BPV | bit pointer, then the 16-bit field pointer (SPC-4 table 31).
    std::uint8_t b0 = 0x80;
    if (p.in_cdb) b0 |= 0x40;
    if (p.bit) b0 = static_cast<std::uint8_t>(b0 | 0x08 | (*p.bit & 0x07));
    std::array<std::uint8_t, 3> sks{b0, 0, 0};
    put_be16(sks, 1, p.byte);
    sense_key_specific_ = sks;
    return *this;
}

SenseData& SenseData::with_progress(std::uint16_t fraction_of_65536) {
    std::array<std::uint8_t, 3> sks{0x80, 0, 0};
    put_be16(sks, 1, fraction_of_65536);
    sense_key_specific_ = sks;
    return *this;
}

SenseData& SenseData::with_information(std::uint32_t info) {
    information_ = info;
    return *this;
}

SenseData& SenseData::with_command_specific(std::uint32_t info) {
    command_specific_ = info;
    return *this;
}

SenseData& SenseData::with_sense_key_specific(std::array<std::uint8_t, 3> sks) {
    sense_key_specific_ = sks;
    return *this;
}

std::array<std::uint8_t, SenseData::fixed_length> SenseData::bytes() const {
    std::array<std::uint8_t, fixed_length> b{};
    b[0] = information_ ? 0xF0 : 0x70; // VALID when INFORMATION is meaningful; current error
    b[2] = static_cast<std::uint8_t>(key_);
    if (information_) put_be32(b, 3, *information_);
    b[7] = fixed_length - 8; // additional sense length
    put_be32(b, 8, command_specific_);
    b[12] = asc_;
    b[13] = ascq_;
    if (sense_key_specific_) {
        b[15] = (*sense_key_specific_)[0];
        b[16] = (*sense_key_specific_)[1];
        b[17] = (*sense_key_specific_)[2];
    }
    return b;
}

namespace sense {
SenseData invalid_field_in_cdb(std::uint16_t byte, std::optional<std::uint8_t> bit) {
    return illegal_request(asc::invalid_field_in_cdb).with_field_pointer({true, byte, bit});
}
SenseData invalid_field_in_parameter_list(std::uint16_t byte, std::optional<std::uint8_t> bit, Asc code) {
    return illegal_request(code).with_field_pointer({false, byte, bit});
}
SenseData invalid_opcode() {
    return illegal_request(asc::invalid_command_operation_code).with_field_pointer({true, 0, std::nullopt});
}
} // namespace sense

} // namespace spindle::scsi
