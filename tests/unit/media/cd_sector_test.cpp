// The raw CD sector and sub-channel coding against facts that do not come from the code under
// test: the CRC catalogue's check values, the parity-check equations of ECMA-130 annex A, and
// the sector and Q layouts of ECMA-130 14 and 22.
#include "emulator/media/cd_sector.hpp"
#include "emulator/media/cd_subchannel.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string_view>
#include <vector>

using namespace spindle;

namespace {

std::span<const std::uint8_t> ascii(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// GF(2^8) over x^8 + x^4 + x^3 + x^2 + 1 by logarithms: a separate route to the field the
// encoder works in.
struct Field {
    std::array<std::uint8_t, 512> exp{};
    std::array<int, 256> log{};
    Field() {
        unsigned x = 1;
        for (int i = 0; i < 255; ++i) {
            exp[static_cast<std::size_t>(i)] = exp[static_cast<std::size_t>(i + 255)] = static_cast<std::uint8_t>(x);
            log[x] = i;
            x <<= 1;
            if (x & 0x100) x ^= 0x11D;
        }
    }
    std::uint8_t alpha_power_times(int power, std::uint8_t v) const {
        return v == 0 ? 0 : exp[static_cast<std::size_t>((log[v] + power) % 255)];
    }
};

// ECMA-130 annex A: every P and Q vector V of n symbols satisfies H x V = 0 with
// H = [1 1 ... 1; alpha^(n-1) ... alpha 1]. Returns how many vectors fail.
int failing_vectors(const cd::RawSector& s) {
    static const Field f;
    auto symbol = [&](std::size_t word, std::size_t plane) { return s[12 + 2 * word + plane]; };
    auto failing = [&](const std::vector<std::size_t>& words, std::size_t plane) {
        std::uint8_t s0 = 0, s1 = 0;
        const int n = static_cast<int>(words.size());
        for (int i = 0; i < n; ++i) {
            const std::uint8_t v = symbol(words[static_cast<std::size_t>(i)], plane);
            s0 ^= v;
            s1 ^= f.alpha_power_times(n - 1 - i, v);
        }
        return s0 != 0 || s1 != 0;
    };
    int bad = 0;
    for (std::size_t plane = 0; plane < 2; ++plane) {
        for (std::size_t column = 0; column < 43; ++column) { // P: the columns of a 43 x 26 matrix
            std::vector<std::size_t> v;
            for (std::size_t row = 0; row < 26; ++row) v.push_back(43 * row + column);
            bad += failing(v, plane);
        }
        for (std::size_t d = 0; d < 26; ++d) { // Q: its diagonals, then words 1118 + d and 1144 + d
            std::vector<std::size_t> v;
            for (std::size_t k = 0; k < 43; ++k) v.push_back((44 * k + 43 * d) % 1118);
            v.push_back(1118 + d);
            v.push_back(1144 + d);
            bad += failing(v, plane);
        }
    }
    return bad;
}

std::vector<std::uint8_t> random_user_data(unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> v(2048);
    for (auto& b : v) b = static_cast<std::uint8_t>(rng());
    return v;
}

} // namespace

TEST_CASE("the EDC is CRC-32/CD-ROM-EDC and the Q CRC the inverted CRC-16 of x^16 + x^12 + x^5 + 1") {
    CHECK(cd::edc(ascii("123456789")) == 0x6EC2EDC4);                            // the CRC catalogue's check value
    CHECK(cd::q_crc(ascii("123456789")) == static_cast<std::uint16_t>(~0x31C3)); // CRC-16/XMODEM's, inverted
}

TEST_CASE("a Mode 1 sector: sync, BCD address and mode, the user data, its EDC, zeros, and parity that checks") {
    const auto user = random_user_data(7);
    cd::RawSector s{};
    cd::encode_mode1(299'924, user, s); // LBA 299924 + 150 = 66:40:74
    CHECK(s[0] == 0x00);
    for (std::size_t i = 1; i < 11; ++i) CHECK(s[i] == 0xFF);
    CHECK(s[11] == 0x00);
    CHECK(s[12] == 0x66);
    CHECK(s[13] == 0x40);
    CHECK(s[14] == 0x74);
    CHECK(s[15] == 0x01);
    CHECK(std::equal(user.begin(), user.end(), s.begin() + 16));
    // A CRC appended least significant byte first leaves no remainder.
    CHECK(cd::edc(std::span<const std::uint8_t>(s).first(2068)) == 0);
    for (std::size_t i = 2068; i < 2076; ++i) CHECK(s[i] == 0);
    CHECK(failing_vectors(s) == 0);
}

TEST_CASE("the parity checks for many sectors, and a changed byte breaks it") {
    cd::RawSector s{};
    for (unsigned seed = 0; seed < 20; ++seed) {
        cd::encode_mode1(static_cast<std::int32_t>(seed * 9973), random_user_data(seed), s);
        REQUIRE(failing_vectors(s) == 0);
    }
    s[16 + 1000] ^= 0x01; // one user byte: one P column and one Q diagonal of its plane
    CHECK(failing_vectors(s) == 2);
    s[16 + 1000] ^= 0x01;
    s[2300] ^= 0x80; // a Q parity byte: its diagonal only
    CHECK(failing_vectors(s) == 1);
}

TEST_CASE("Q mode 1 of a block: control and ADR, BCD track, index, relative and absolute time, CRC") {
    const cd::QFrame q = cd::q_position(0x4, 12, 1, 75 * 61 + 3, 4650);
    CHECK(q[0] == 0x41);
    CHECK(q[1] == 0x12);
    CHECK(q[2] == 0x01);
    CHECK(q[3] == 0x01); // 1 min 1 s 3 frames into the track
    CHECK(q[4] == 0x01);
    CHECK(q[5] == 0x03);
    CHECK(q[6] == 0x00);
    CHECK(q[7] == 0x01); // LBA 4650 + 150 = 4800 = 1:04:00
    CHECK(q[8] == 0x04);
    CHECK(q[9] == 0x00);
    const std::uint16_t crc = cd::q_crc(std::span<const std::uint8_t>(q).first(10));
    CHECK(q[10] == crc >> 8);
    CHECK(q[11] == (crc & 0xFF));
}

TEST_CASE("raw P-W carries Q's 96 bits most significant first in bit 6, P in bit 7, R-W zero") {
    const cd::QFrame q = cd::q_position(0x4, 1, 1, 0, 0);
    for (const bool pause : {false, true}) {
        const auto pw = cd::raw_pw(q, pause);
        cd::QFrame back{};
        for (std::size_t i = 0; i < 96; ++i) {
            CHECK((pw[i] & 0x3F) == 0);
            CHECK(((pw[i] & 0x80) != 0) == pause);
            back[i / 8] = static_cast<std::uint8_t>(back[i / 8] | ((pw[i] >> 6) & 1) << (7 - i % 8));
        }
        CHECK(back == q);
    }
}

namespace {

// The EDC's generator, multiplied out here from ECMA-130 14.3's two factors
// (x^16 + x^15 + x^2 + 1)(x^16 + x^2 + x + 1) over GF(2), then used bit by bit, least significant
// bit of each byte first, with nothing inverted: a second route to cd::edc.
std::uint64_t multiply_gf2(std::uint64_t a, std::uint64_t b) {
    std::uint64_t r = 0;
    for (int i = 0; i < 64; ++i)
        if ((b >> i) & 1) r ^= a << i;
    return r;
}
std::uint32_t plain_edc(std::span<const std::uint8_t> bytes) {
    const std::uint64_t g =
        multiply_gf2((1u << 16) | (1u << 15) | (1u << 2) | 1, (1u << 16) | (1u << 2) | (1u << 1) | 1);
    std::uint32_t reflected = 0; // x^0 in bit 31 ... x^31 in bit 0
    for (int i = 0; i < 32; ++i)
        if ((g >> i) & 1) reflected |= 1u << (31 - i);
    std::uint32_t c = 0;
    for (const std::uint8_t byte : bytes)
        for (int bit = 0; bit < 8; ++bit) {
            const bool in = (((c ^ (byte >> bit)) & 1) != 0);
            c = (c >> 1) ^ (in ? reflected : 0);
        }
    return c;
}
std::uint32_t le32(const cd::RawSector& s, std::size_t at) {
    return std::uint32_t{s[at]} | std::uint32_t{s[at + 1]} << 8 | std::uint32_t{s[at + 2]} << 16 |
           std::uint32_t{s[at + 3]} << 24;
}
void check_sync_and_header(const cd::RawSector& s, std::uint8_t m, std::uint8_t sec, std::uint8_t f) {
    CHECK(s[0] == 0x00);
    for (std::size_t i = 1; i < 11; ++i) CHECK(s[i] == 0xFF);
    CHECK(s[11] == 0x00);
    CHECK(s[12] == m);
    CHECK(s[13] == sec);
    CHECK(s[14] == f);
    CHECK(s[15] == 0x02); // mode 2
}
std::vector<std::uint8_t> random_bytes(unsigned seed, std::size_t n) {
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> v(n);
    for (auto& b : v) b = static_cast<std::uint8_t>(rng());
    return v;
}

} // namespace

TEST_CASE("the EDC generator multiplied out is 8001801Bh, and the plain bitwise EDC agrees with cd::edc") {
    CHECK(multiply_gf2((1u << 16) | (1u << 15) | (1u << 2) | 1, (1u << 16) | (1u << 2) | (1u << 1) | 1) ==
          0x18001801BULL);
    CHECK(plain_edc(ascii("123456789")) == 0x6EC2EDC4);
    const auto v = random_bytes(3, 2332);
    CHECK(plain_edc(v) == cd::edc(v));
}

TEST_CASE("an XA Form 1 sector: subheader twice at 16-23, 2048 bytes at 24, EDC over 16-2071 at 2072, parity with "
          "the header as zero") {
    const auto user = random_bytes(11, 2048);
    cd::RawSector s{};
    cd::encode_xa(16, {0x01, 0x02, 0x08, 0x00}, user, s); // LBA 16 + 150 = 00:02:16
    check_sync_and_header(s, 0x00, 0x02, 0x16);
    const std::uint8_t sub[] = {0x01, 0x02, 0x08, 0x00, 0x01, 0x02, 0x08, 0x00};
    CHECK(std::equal(std::begin(sub), std::end(sub), s.begin() + 16));
    CHECK(std::equal(user.begin(), user.end(), s.begin() + 24));
    CHECK(le32(s, 2072) == plain_edc(std::span<const std::uint8_t>(s).subspan(16, 2072 - 16)));
    CHECK(cd::mode2_form(s, true) == cd::SectorForm::Form1);
    // ECMA-130 annex A's equations hold over bytes 12-2351 once the header is taken as zeros,
    // and not with it: CD-ROM XA leaves the Mode 2 header out of the P and Q parity.
    cd::RawSector zero_header = s;
    std::fill_n(zero_header.begin() + 12, 4, std::uint8_t{0});
    CHECK(failing_vectors(zero_header) == 0);
    CHECK(failing_vectors(s) > 0);
}

TEST_CASE("an XA Form 2 sector: 2324 bytes at 24, EDC over 16-2347 at 2348, no parity") {
    const auto user = random_bytes(12, 2324);
    cd::RawSector s{};
    cd::encode_xa(299'924, {0x00, 0x01, 0x24, 0x0F}, user, s); // 66:40:74; submode Form 2 and Audio
    check_sync_and_header(s, 0x66, 0x40, 0x74);
    for (std::size_t copy : {16u, 20u}) {
        CHECK(s[copy] == 0x00);
        CHECK(s[copy + 1] == 0x01);
        CHECK(s[copy + 2] == 0x24);
        CHECK(s[copy + 3] == 0x0F);
    }
    CHECK(std::equal(user.begin(), user.end(), s.begin() + 24));
    CHECK(le32(s, 2348) == plain_edc(std::span<const std::uint8_t>(s).subspan(16, 2348 - 16)));
    CHECK(cd::mode2_form(s, true) == cd::SectorForm::Form2);
}

TEST_CASE("a formless Mode 2 sector: 2336 bytes of user data after the header, nothing computed") {
    const auto user = random_bytes(13, 2336);
    cd::RawSector s{};
    cd::encode_mode2_formless(0, user, s);
    check_sync_and_header(s, 0x00, 0x02, 0x00);
    CHECK(std::equal(user.begin(), user.end(), s.begin() + 16));
    CHECK(cd::mode2_form(s, false) == cd::SectorForm::Mode2Formless);
}
