// CD-Text strings to packs and back (media/cd_text_strings.hpp), against the layout libburn's
// doc/cdtext.txt and MMC-6 Annex J give: strings run on through 12-byte payloads, each pack
// names the track of its first character and the characters of that string before it, three
// 8Fh packs close the block with the pack counts, the last sequence number and the language.
#include "emulator/media/cd_text.hpp"
#include "emulator/media/cd_text_strings.hpp"

#include <doctest/doctest.h>

using namespace spindle;

TEST_CASE("CD-Text strings: a title per track run on through the packs, 8Fh closing the block") {
    cd::TextStrings text;
    text.first_track = 1;
    text.last_track = 2;
    text.strings[0] = {"Spindle Album", "First Song", "Second"}; // titles
    text.strings[1] = {"The Emulators", "", ""};                 // performers: the disc's only
    const auto packs = cd::encode_text(text);
    REQUIRE(packs.has_value());
    REQUIRE(cd::valid_text_packs(*packs));
    // Titles: "Spindle Album\0First Song\0Second\0" is 33 bytes: 3 packs. Performers:
    // "The Emulators\0\0\0" is 16 bytes: 2 packs. Then 3 size packs: 8 in all.
    REQUIRE(packs->size() == 8 * 18);
    const auto pack = [&](std::size_t i) { return std::span<const std::uint8_t>(*packs).subspan(i * 18, 18); };
    CHECK(pack(0)[0] == 0x80);
    CHECK(pack(0)[1] == 0);  // the disc's title starts it
    CHECK(pack(1)[1] == 0);  // "um\0First So": first character still the disc's
    CHECK(pack(1)[3] == 12); // 12 characters of the disc's title before it
    CHECK(std::string(pack(1).begin() + 4, pack(1).begin() + 7) == std::string("m\0F", 3));
    CHECK(pack(2)[1] == 1); // "\0Second\0": the NUL ending track 1's
    CHECK(pack(2)[3] == 10);
    CHECK(pack(3)[0] == 0x81);
    for (std::size_t i = 0; i < 8; ++i) CHECK(pack(i)[2] == i); // sequence numbers
    CHECK(pack(5)[0] == 0x8F);
    CHECK(pack(5)[1] == 0);
    CHECK(pack(5)[4] == 0x00); // ISO-8859-1
    CHECK(pack(5)[5] == 1);    // first track
    CHECK(pack(5)[6] == 2);    // last track
    CHECK(pack(5)[8] == 3);    // 3 title packs
    CHECK(pack(5)[9] == 2);    // 2 performer packs
    CHECK(pack(6)[11] == 3);   // record byte 19: 3 size packs
    CHECK(pack(6)[12] == 7);   // record byte 20: block 0's last sequence number
    CHECK(pack(7)[8] == 0x09); // record byte 28: English
    const auto back = cd::decode_text(*packs);
    CHECK(back.strings[0] == text.strings[0]);
    CHECK(back.strings[1] == text.strings[1]);
    CHECK(back.last_track == 2);
}

TEST_CASE("CD-Text strings: no text is no packs; more than a block holds is refused") {
    cd::TextStrings none;
    none.strings[0] = {"", ""};
    CHECK(cd::encode_text(none)->empty());
    cd::TextStrings big;
    big.last_track = 99;
    for (auto& type : big.strings) type.assign(100, std::string(40, 'x'));
    CHECK_FALSE(cd::encode_text(big).has_value());
}
