#include "emulator/media/cd_sector.hpp"

#include "emulator/media/msf.hpp"

#include <algorithm>

namespace spindle::cd {

namespace {

constexpr std::uint32_t edc_polynomial = 0xD8018001; // P(x) above, bit-reversed

constexpr std::array<std::uint32_t, 256> make_edc_table() {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ ((c & 1) != 0 ? edc_polynomial : 0);
        t[i] = c;
    }
    return t;
}
constexpr auto edc_table = make_edc_table();

// GF(2^8) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1; alpha = 2 (ECMA-130 annex A).
constexpr std::uint8_t times_alpha(std::uint8_t x) {
    return static_cast<std::uint8_t>((x << 1) ^ ((x & 0x80) != 0 ? 0x1D : 0));
}
constexpr std::array<std::uint8_t, 256> make_divide_by_alpha_plus_one() {
    std::array<std::uint8_t, 256> t{};
    for (unsigned x = 0; x < 256; ++x) {
        const auto v = static_cast<std::uint8_t>(x);
        t[static_cast<std::uint8_t>(v ^ times_alpha(v))] = v;
    }
    return t;
}
constexpr auto divide_by_alpha_plus_one = make_divide_by_alpha_plus_one();

constexpr std::uint8_t bcd(unsigned v) { return static_cast<std::uint8_t>((v / 10) << 4 | (v % 10)); }

// Bytes 12-2351 as 1170 two-byte words; each byte position of a word (its plane) forms code
// words of its own. A code word of n symbols carries two parity symbols c[n-2], c[n-1] chosen so
// that sum(c[i]) = 0 and sum(c[i] * alpha^(n-1-i)) = 0.
constexpr std::size_t words = 1170;
constexpr std::size_t p_words_per_vector = 26, p_vectors = 43;       // columns of the 43 x 26 matrix
constexpr std::size_t q_words_per_vector = 45, q_vectors = 26;       // its diagonals
constexpr std::size_t matrix_words = p_vectors * p_words_per_vector; // 1118: all but Q parity

template <typename WordAt>
void fill_parity(std::uint8_t* words12, std::size_t symbols, WordAt word_at, std::size_t plane) {
    std::uint8_t weighted = 0, sum = 0;
    for (std::size_t k = 0; k + 2 < symbols; ++k) {
        const std::uint8_t s = words12[2 * word_at(k) + plane];
        weighted = times_alpha(static_cast<std::uint8_t>(weighted ^ s));
        sum ^= s;
    }
    const std::uint8_t p0 = divide_by_alpha_plus_one[static_cast<std::uint8_t>(times_alpha(weighted) ^ sum)];
    words12[2 * word_at(symbols - 2) + plane] = p0;
    words12[2 * word_at(symbols - 1) + plane] = static_cast<std::uint8_t>(p0 ^ sum);
}

} // namespace

std::uint32_t edc(std::span<const std::uint8_t> bytes) {
    std::uint32_t c = 0;
    for (const std::uint8_t b : bytes) c = edc_table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c;
}

void compute_parity(RawSector& sector) {
    std::uint8_t* w = sector.data() + sync_bytes;
    static_assert(sync_bytes + 2 * words == raw_sector_bytes);
    for (std::size_t plane = 0; plane < 2; ++plane) {
        for (std::size_t column = 0; column < p_vectors; ++column)
            fill_parity(
                w, p_words_per_vector, [&](std::size_t k) { return p_vectors * k + column; }, plane);
        for (std::size_t diagonal = 0; diagonal < q_vectors; ++diagonal)
            fill_parity(
                w, q_words_per_vector,
                [&](std::size_t k) {
                    if (k == q_words_per_vector - 2) return matrix_words + diagonal;
                    if (k == q_words_per_vector - 1) return matrix_words + q_vectors + diagonal;
                    return (44 * k + 43 * diagonal) % matrix_words;
                },
                plane);
    }
}

namespace {

// Sync (00, FF x 10, 00) and header: the BCD address and `mode` (ECMA-130 14.2); the rest zero.
void begin_sector(std::int32_t lba, std::uint8_t mode, RawSector& sector) {
    sector.fill(0);
    std::fill(sector.begin() + 1, sector.begin() + 11, std::uint8_t{0xFF});
    const Msf a = lba_to_msf(lba);
    sector[12] = bcd(a.m);
    sector[13] = bcd(a.s);
    sector[14] = bcd(a.f);
    sector[15] = mode;
}

void put_edc(RawSector& sector, std::size_t from, std::size_t at) {
    const std::uint32_t e = edc(std::span<const std::uint8_t>(sector).subspan(from, at - from));
    for (std::size_t i = 0; i < 4; ++i) sector[at + i] = static_cast<std::uint8_t>(e >> (8 * i));
}

} // namespace

void encode_mode2_formless(std::int32_t lba, std::span<const std::uint8_t> user, RawSector& sector) {
    begin_sector(lba, 0x02, sector);
    std::copy_n(user.begin(), std::min(user.size(), mode2_bytes), sector.begin() + user_offset);
}

void encode_xa(std::int32_t lba, const Subheader& subheader, std::span<const std::uint8_t> user, RawSector& sector) {
    begin_sector(lba, 0x02, sector);
    std::copy(subheader.begin(), subheader.end(), sector.begin() + subheader_offset);
    std::copy(subheader.begin(), subheader.end(), sector.begin() + subheader_offset + 4);
    const bool form2 = (subheader[2] & submode_form2) != 0;
    const std::size_t n = form2 ? form2_user_bytes : form1_user_bytes;
    std::copy_n(user.begin(), std::min(user.size(), n), sector.begin() + xa_user_offset);
    if (form2) {
        put_edc(sector, subheader_offset, form2_edc_offset); // subheader and user data
        return;
    }
    put_edc(sector, subheader_offset, form1_edc_offset);
    // The parity of a Form 1 sector is computed with the header as zeros (CD-ROM XA: a Mode 2
    // header is not protected by the ECC), then the header is put back.
    std::array<std::uint8_t, header_bytes> header{};
    std::copy_n(sector.begin() + sync_bytes, header_bytes, header.begin());
    std::fill_n(sector.begin() + sync_bytes, header_bytes, std::uint8_t{0});
    compute_parity(sector);
    std::copy(header.begin(), header.end(), sector.begin() + sync_bytes);
}

void encode_mode1(std::int32_t lba, std::span<const std::uint8_t> user, RawSector& sector) {
    begin_sector(lba, 0x01, sector);
    std::copy_n(user.begin(), std::min(user.size(), user_bytes), sector.begin() + user_offset);
    put_edc(sector, 0, edc_offset);
    compute_parity(sector);
}

} // namespace spindle::cd
