// Sense bytes read back (scsi::SenseData::decode): fixed format (SPC-4 4.5.3, table 26) and
// descriptor format (4.5.2, table 12), checked against bytes written out by hand here.
#include "scsi/sense.hpp"

#include <doctest/doctest.h>

#include <array>

using namespace spindle::scsi;

TEST_CASE("sense codes are read from fixed and descriptor format") {
    const std::array<std::uint8_t, 18> fixed{0xF0, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3A, 0x01, 0, 0, 0, 0};
    const auto f = SenseData::decode(fixed);
    REQUIRE(f);
    CHECK(f->key() == SenseKey::NotReady);
    CHECK(f->asc() == 0x3A);
    CHECK(f->ascq() == 0x01);
    CHECK(f->code_text() == "2/3A/01");
    const std::array<std::uint8_t, 8> descriptor{0x72, 0x05, 0x24, 0x00, 0, 0, 0, 0};
    const auto d = SenseData::decode(descriptor);
    REQUIRE(d);
    CHECK(d->matches(SenseKey::IllegalRequest, asc::invalid_field_in_cdb));
    CHECK(d->code_text() == "5/24/00");
    CHECK_FALSE(SenseData::decode(std::array<std::uint8_t, 2>{0x72, 0x05}));
    CHECK_FALSE(SenseData::decode(std::array<std::uint8_t, 18>{0x00}));
    CHECK_FALSE(SenseData::decode({}));
}

TEST_CASE("short fixed sense keeps its key and reads ASC and ASCQ only where the bytes reach") {
    const auto s = SenseData::decode(std::array<std::uint8_t, 13>{0x70, 0, 0x06, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0x29});
    REQUIRE(s);
    CHECK(s->code_text() == "6/29/00");
    CHECK_FALSE(SenseData::decode(std::array<std::uint8_t, 2>{0x70, 0}));
}

TEST_CASE("the INFORMATION field (a medium error's LBA) is read when the sense marks it valid") {
    const std::array<std::uint8_t, 18> fixed{0xF0, 0, 0x03, 0, 0, 0x01, 0x2C, 10, 0, 0, 0, 0, 0x11, 0, 0, 0, 0, 0};
    CHECK(SenseData::decode(fixed)->information() == 300u);
    auto invalid = fixed;
    invalid[0] = 0x70; // VALID clear: the bytes mean nothing
    CHECK_FALSE(SenseData::decode(invalid)->information());
    const std::array<std::uint8_t, 20> descriptor{0x72, 0x03, 0x11, 0x00, 0, 0, 0, 12, 0x00, 0x0A,
                                                  0x80, 0,    0,    0,    0, 0, 0, 0,  0x01, 0x2C};
    CHECK(SenseData::decode(descriptor)->information() == 300u);
    CHECK_FALSE(SenseData::decode(std::array<std::uint8_t, 8>{0x72, 0x03, 0x11, 0x00, 0, 0, 0, 0})->information());
    auto not_valid = descriptor;
    not_valid[10] = 0x00; // the information descriptor's VALID bit clear
    CHECK_FALSE(SenseData::decode(not_valid)->information());
    auto cut = descriptor;
    cut[7] = 10; // the additional length ends inside the descriptor
    CHECK_FALSE(SenseData::decode(cut)->information());
}

TEST_CASE("descriptor sense: the sense-key-specific and command-specific descriptors after another") {
    // A command-specific descriptor (01h), then sense-key-specific (02h) with a progress of 8000h.
    const std::array<std::uint8_t, 28> d{0x72, 0x02, 0x04, 0x04, 0,    0,    0,    20,                         //
                                         0x01, 0x0A, 0,    0,    0,    0,    0,    0,  0x12, 0x34, 0x56, 0x78, //
                                         0x02, 0x06, 0,    0,    0x80, 0x80, 0x00, 0};
    const auto s = SenseData::decode(d);
    REQUIRE(s);
    CHECK(s->matches(SenseKey::NotReady, asc::format_in_progress));
    CHECK(s->command_specific() == 0x12345678u);
    REQUIRE(s->sense_key_specific());
    CHECK(*s->sense_key_specific() == std::array<std::uint8_t, 3>{0x80, 0x80, 0x00});
    CHECK_FALSE(s->information());
    CHECK_FALSE(s->deferred());
}

TEST_CASE("what the drive model encodes decodes to the same fields") {
    const auto sent = sense::invalid_field_in_cdb(2, 5).with_information(0x00ABCDEF).with_command_specific(7);
    const auto bytes = sent.bytes();
    const auto back = SenseData::decode(bytes);
    REQUIRE(back);
    CHECK(back->same_code(sent));
    CHECK(back->information() == 0x00ABCDEFu);
    CHECK(back->command_specific() == 7u);
    // SKSV | C/D | BPV | bit 5, field pointer 0002h (SPC-4 table 31).
    CHECK(back->sense_key_specific() == std::array<std::uint8_t, 3>{0xCD, 0x00, 0x02});
    CHECK(back->bytes() == bytes);
    const auto plain = SenseData(SenseKey::UnitAttention, asc::medium_may_have_changed);
    CHECK(SenseData::decode(plain.bytes())->bytes() == plain.bytes());
    const auto deferred = SenseData(SenseKey::MediumError, asc::write_error).as_deferred();
    CHECK(deferred.bytes()[0] == 0x71);
    CHECK(SenseData::decode(deferred.bytes())->deferred());
}

TEST_CASE("INFORMATION wider than 32 bits does not fit fixed format: VALID clear") {
    const std::array<std::uint8_t, 20> d{0x72, 0x03, 0x11, 0x00, 0, 0,    0, 12, 0x00, 0x0A,
                                         0x80, 0,    0,    0,    0, 0x01, 0, 0,  0,    0};
    const auto s = SenseData::decode(d);
    REQUIRE(s);
    CHECK(s->information() == 0x1'0000'0000u);
    const auto fixed = s->bytes();
    CHECK(fixed[0] == 0x70);
    CHECK(fixed[3] == 0);
    CHECK(fixed[6] == 0);
}

TEST_CASE("descriptor sense becomes IMAPI2's 18-byte fixed SenseBuffer") {
    const std::array<std::uint8_t, 8> descriptor{0x72, 0x02, 0x04, 0x01, 0, 0, 0, 0};
    const std::array<std::uint8_t, 18> expected{0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0};
    CHECK(fixed_sense_bytes(descriptor) == expected);
    const std::array<std::uint8_t, 8> deferred{0x73, 0x03, 0x0C, 0x00, 0, 0, 0, 0};
    CHECK(fixed_sense_bytes(deferred)[0] == 0x71);
    // Fixed sense is kept as the device sent it, vendor bytes and all.
    const std::array<std::uint8_t, 20> fixed{0x70, 0, 0x25, 0,    0,    0, 0, 12, 1, 2,
                                             3,    4, 0x11, 0x00, 0x42, 0, 0, 0,  9, 9};
    const auto kept = fixed_sense_bytes(fixed);
    CHECK(std::equal(kept.begin(), kept.end(), fixed.begin()));
    CHECK(fixed_sense_bytes(std::array<std::uint8_t, 4>{0x00, 1, 2, 3}) == std::array<std::uint8_t, 18>{});
}
