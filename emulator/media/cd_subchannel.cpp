#include "emulator/media/cd_subchannel.hpp"

#include "emulator/media/msf.hpp"

#include <algorithm>

namespace spindle::cd {

namespace {

constexpr std::uint8_t bcd(unsigned v) { return static_cast<std::uint8_t>((v / 10) << 4 | (v % 10)); }
constexpr std::uint8_t adr_position = 1, adr_catalogue = 2, adr_isrc = 3;

void seal(QFrame& q) {
    const std::uint16_t crc = q_crc(std::span<const std::uint8_t>(q).first(10));
    q[10] = static_cast<std::uint8_t>(crc >> 8);
    q[11] = static_cast<std::uint8_t>(crc);
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }

} // namespace

std::uint16_t q_crc(std::span<const std::uint8_t> q10) {
    std::uint16_t c = 0;
    for (const std::uint8_t b : q10) {
        c ^= static_cast<std::uint16_t>(b << 8);
        for (int k = 0; k < 8; ++k) c = static_cast<std::uint16_t>((c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1);
    }
    return static_cast<std::uint16_t>(~c);
}

QFrame q_position(std::uint8_t control, std::uint8_t track, std::uint8_t index, std::uint32_t relative,
                  std::int32_t lba) {
    QFrame q{};
    q[0] = static_cast<std::uint8_t>((control & 0x0F) << 4 | adr_position);
    q[1] = bcd(track);
    q[2] = bcd(index);
    q[3] = bcd(relative / (60 * 75));
    q[4] = bcd(relative / 75 % 60);
    q[5] = bcd(relative % 75);
    const Msf a = lba_to_msf(lba);
    q[7] = bcd(a.m);
    q[8] = bcd(a.s);
    q[9] = bcd(a.f);
    seal(q);
    return q;
}

QFrame q_catalogue(std::uint8_t control, std::string_view mcn, std::int32_t lba) {
    QFrame q{};
    q[0] = static_cast<std::uint8_t>((control & 0x0F) << 4 | adr_catalogue);
    for (std::size_t i = 0; i < 13 && i < mcn.size(); ++i) {
        const auto d = static_cast<std::uint8_t>(mcn[i] - '0');
        q[1 + i / 2] |= static_cast<std::uint8_t>(i % 2 == 0 ? d << 4 : d);
    }
    q[9] = bcd(lba_to_msf(lba).f);
    seal(q);
    return q;
}

QFrame q_isrc(std::uint8_t control, std::string_view isrc, std::int32_t lba) {
    QFrame q{};
    q[0] = static_cast<std::uint8_t>((control & 0x0F) << 4 | adr_isrc);
    std::uint32_t bits = 0; // five 6-bit codes and two zero bits: 32 bits, bytes 1-4
    for (std::size_t i = 0; i < 5; ++i)
        bits = bits << 6 | (i < isrc.size() ? static_cast<std::uint32_t>(isrc[i] - '0') & 0x3F : 0);
    bits <<= 2;
    for (std::size_t i = 0; i < 4; ++i) q[1 + i] = static_cast<std::uint8_t>(bits >> (24 - 8 * i));
    for (std::size_t i = 0; i < 7 && 5 + i < isrc.size(); ++i) {
        const auto d = static_cast<std::uint8_t>(isrc[5 + i] - '0');
        q[5 + i / 2] |= static_cast<std::uint8_t>(i % 2 == 0 ? d << 4 : d);
    }
    q[9] = bcd(lba_to_msf(lba).f);
    seal(q);
    return q;
}

bool valid_mcn(std::string_view mcn) { return mcn.size() == 13 && std::all_of(mcn.begin(), mcn.end(), digit); }

bool valid_isrc(std::string_view isrc) {
    if (isrc.size() != 12) return false;
    for (std::size_t i = 0; i < 12; ++i)
        if (!(digit(isrc[i]) || (i < 5 && upper(isrc[i])))) return false;
    return true;
}

std::array<std::uint8_t, raw_pw_bytes> raw_pw(const QFrame& q, bool pause, std::span<const std::uint8_t> rw) {
    std::array<std::uint8_t, raw_pw_bytes> out{};
    for (std::size_t i = 0; i < raw_pw_bytes; ++i) {
        const bool q_bit = ((q[i / 8] >> (7 - i % 8)) & 1) != 0;
        const std::uint8_t r_to_w = i < rw.size() ? rw[i] & 0x3F : 0;
        out[i] = static_cast<std::uint8_t>((pause ? 0x80 : 0) | (q_bit ? 0x40 : 0) | r_to_w);
    }
    return out;
}

std::size_t interleaved_offset(std::size_t pack, std::size_t symbol) {
    std::size_t at = symbol;
    switch (symbol) { // the pack's first symbols, which say what it is, move furthest apart
    case 1: at = 18; break;
    case 18: at = 1; break;
    case 2: at = 5; break;
    case 5: at = 2; break;
    case 3: at = 23; break;
    case 23: at = 3; break;
    default: break;
    }
    return (pack + at % 8) * rw_pack_symbols + at;
}

std::array<std::uint8_t, raw_pw_bytes> deinterleave_rw(std::span<const std::uint8_t> recorded) {
    std::array<std::uint8_t, raw_pw_bytes> out{};
    for (std::size_t pack = 0; pack < raw_pw_bytes / rw_pack_symbols; ++pack)
        for (std::size_t i = 0; i < rw_pack_symbols; ++i) {
            const std::size_t at = interleaved_offset(pack, i);
            out[pack * rw_pack_symbols + i] = at < recorded.size() ? recorded[at] & 0x3F : 0;
        }
    return out;
}

} // namespace spindle::cd
