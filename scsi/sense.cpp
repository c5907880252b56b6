#include "scsi/sense.hpp"

#include <algorithm>
#include <cstdio>

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

SenseData& SenseData::as_deferred() {
    deferred_ = true;
    return *this;
}

std::array<std::uint8_t, SenseData::fixed_length> SenseData::bytes() const {
    std::array<std::uint8_t, fixed_length> b{};
    const bool valid = information_ && *information_ <= 0xFFFF'FFFF;
    // VALID when INFORMATION is meaningful; 70h current error, 71h deferred error.
    b[0] = static_cast<std::uint8_t>((valid ? 0x80 : 0x00) | (deferred_ ? 0x71 : 0x70));
    b[2] = static_cast<std::uint8_t>(key_);
    if (valid) put_be32(b, 3, static_cast<std::uint32_t>(*information_));
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

namespace {

constexpr std::uint8_t fixed_current = 0x70, fixed_deferred = 0x71;
constexpr std::uint8_t descriptor_current = 0x72, descriptor_deferred = 0x73;

// SPC-4 4.5.2.2-4.5.2.4: the descriptors a descriptor-format answer may carry.
constexpr std::uint8_t information_descriptor = 0x00;
constexpr std::uint8_t command_specific_descriptor = 0x01;
constexpr std::uint8_t sense_key_specific_descriptor = 0x02;

void decode_descriptors(std::span<const std::uint8_t> s, std::optional<std::uint64_t>& information,
                        std::uint32_t& command_specific, std::optional<std::array<std::uint8_t, 3>>& sks) {
    if (s.size() < 8) return;
    // Descriptors from byte 8, each: type, additional length, then that many bytes.
    const std::size_t end = std::min<std::size_t>(s.size(), std::size_t{8} + s[7]);
    for (std::size_t at = 8; at + 1 < end; at += std::size_t{2} + s[at + 1]) {
        const std::size_t length = std::size_t{2} + s[at + 1];
        if (at + length > end) break;
        const auto d = s.subspan(at, length);
        switch (d[0]) {
        case information_descriptor: // 4.5.2.2: VALID in byte 2, INFORMATION in bytes 4-11
            if (length >= 12 && (d[2] & 0x80) != 0) information = get_be64(d, 4);
            break;
        case command_specific_descriptor: // 4.5.2.3: bytes 4-11; fixed format holds the low 4
            if (length >= 12) command_specific = get_be32(d, 8);
            break;
        case sense_key_specific_descriptor: // 4.5.2.4: SKSV and the field in bytes 4-6
            if (length >= 7 && (d[4] & 0x80) != 0) sks = std::array<std::uint8_t, 3>{d[4], d[5], d[6]};
            break;
        default: break;
        }
    }
}

} // namespace

std::optional<SenseData> SenseData::decode(std::span<const std::uint8_t> s) {
    if (s.empty()) return std::nullopt;
    const std::uint8_t response = s[0] & 0x7F;
    SenseData out;
    if (response == fixed_current || response == fixed_deferred) { // SPC-4 table 26
        if (s.size() < 3) return std::nullopt;
        out.key_ = static_cast<SenseKey>(s[2] & 0x0F);
        if (s.size() > 12) out.asc_ = s[12];
        if (s.size() > 13) out.ascq_ = s[13];
        if ((s[0] & 0x80) != 0 && s.size() >= 7) out.information_ = get_be32(s, 3); // VALID
        if (s.size() >= 12) out.command_specific_ = get_be32(s, 8);
        if (s.size() >= 18 && (s[15] & 0x80) != 0)
            out.sense_key_specific_ = std::array<std::uint8_t, 3>{s[15], s[16], s[17]};
        out.deferred_ = response == fixed_deferred;
        return out;
    }
    if (response == descriptor_current || response == descriptor_deferred) { // SPC-4 table 12
        if (s.size() < 4) return std::nullopt;
        out.key_ = static_cast<SenseKey>(s[1] & 0x0F);
        out.asc_ = s[2];
        out.ascq_ = s[3];
        decode_descriptors(s, out.information_, out.command_specific_, out.sense_key_specific_);
        out.deferred_ = response == descriptor_deferred;
        return out;
    }
    return std::nullopt;
}

std::string SenseData::code_text() const {
    char text[16];
    std::snprintf(text, sizeof text, "%X/%02X/%02X", static_cast<unsigned>(key_), unsigned{asc_}, unsigned{ascq_});
    return text;
}

std::array<std::uint8_t, SenseData::fixed_length> fixed_sense_bytes(std::span<const std::uint8_t> sense) {
    std::array<std::uint8_t, SenseData::fixed_length> out{};
    const auto decoded = SenseData::decode(sense);
    if (!decoded) return out;
    const std::uint8_t response = sense[0] & 0x7F;
    if (response == fixed_current || response == fixed_deferred) {
        std::ranges::copy(sense.first(std::min(sense.size(), out.size())), out.begin());
        return out;
    }
    return decoded->bytes();
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
