// MODE SELECT of page 05h checked against the loaded medium.
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

TEST_CASE("Page 05h: TAO and raw are refused on DVD-R (5/26/00 at byte 2 of the page), accepted on CD-R") {
    Writer dvd("blank dvd-r");
    const auto r = dvd.set_write_mode(1);
    CHECK(sense_of(r) == scsi::sense::invalid_field_in_parameter_list(10, 3));
    CHECK(r.sense_bytes()[17] == 8 + 2);
    CHECK(sense_of(dvd.set_write_mode(3)) == scsi::sense::invalid_field_in_parameter_list(10, 3));
    CHECK(dvd.set_write_mode(0).good());
    CHECK(dvd.set_write_mode(2).good());
    Writer cd("blank cd-r");
    CHECK(cd.set_write_mode(1).good());
    CHECK(cd.set_write_mode(3).good());
    CHECK(sense_of(cd.set_write_mode(4)) ==
          scsi::sense::invalid_field_in_parameter_list(10, 3)); // layer jump is DVD-R DL only
    CHECK(sense_of(cd.write(0, 1)) == sense(0x5, 0x2C, 0x00));  // raw needs a cue sheet first
}

TEST_CASE("Page 05h: reserved write type and multi-session 10b are refused whatever the medium") {
    Writer w("blank cd-r");
    CHECK(sense_of(w.set_write_mode(5)) == scsi::sense::invalid_field_in_parameter_list(10, 3));
    CHECK(sense_of(w.set_write_mode(1, 2)) == scsi::sense::invalid_field_in_parameter_list(11, 7));
    CHECK(sense_of(w.set_write_parameters([](std::span<std::uint8_t> p) { p[4] = 5; })) ==
          scsi::sense::invalid_field_in_parameter_list(12, 3));
}

TEST_CASE("Page 05h for DVD-R incremental: link size 16 and fixed packets of 16 only") {
    Writer w("blank dvd-r");
    CHECK(sense_of(w.set_write_parameters([](std::span<std::uint8_t> p) {
              p[2] = 0x20; // LS_V, incremental
              p[5] = 7;
          })) == scsi::sense::invalid_field_in_parameter_list(8 + 5)); // Link Size
    CHECK(sense_of(w.set_write_parameters([](std::span<std::uint8_t> p) {
              p[2] = 0x00;
              p[3] = 0x25;
              p[13] = 32;
          })) == scsi::sense::invalid_field_in_parameter_list(8 + 10)); // Packet Size
}

TEST_CASE("Page 05h sent for DVD+R, DVD+RW and BD is accepted whatever it says (growisofs sends it)") {
    for (const char* preset : {"blank dvd+r", "formatted dvd+rw", "blank bd-r"}) {
        CAPTURE(preset);
        Writer w(preset);
        CHECK(w.set_write_mode(1).good());
        CHECK(w.set_write_mode(3, 3).good());
        CHECK(w.write(0, 32).good());
    }
}

TEST_CASE("Page 05h: Test Write and BUFE need the drive's capability (page 2A)") {
    const std::string yaml = R"(
identity: {vendor: SPINDLE, product: No Test Write, revision: "1.00"}
profiles: [cd-r, dvd-r]
mode_pages:
  - page: 0x05
    current: {write_type: 1, track_mode: 4, data_block_type: 8}
    changeable: "05 32 7F FF 0F FF 00 3F FF 00 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
  - page: 0x2A
    current: {cd_r_write: 1}
)";
    TestDrive t(profile_from_yaml(yaml));
    auto m = make_medium("blank cd-r");
    REQUIRE(m.has_value());
    t.settled();
    t.drive.load(std::move(*m));
    t.clock.advance(std::chrono::seconds(10));
    t.run(as_vector(scsi::cdb::test_unit_ready()));
    t.settled();
    auto page = [&](std::uint8_t byte2) {
        auto sensed = t.run(as_vector(scsi::cdb::mode_sense10(0x05, scsi::cdb::PageControl::Current, 255, false)), 255);
        REQUIRE(sensed.data.size() > 10);
        std::vector<std::uint8_t> list(8, 0);
        list.insert(list.end(), sensed.data.begin() + 8, sensed.data.end());
        list.at(8) &= 0x3F;
        list.at(10) = byte2;
        return t.run(bytes({0x55, 0x10, 0, 0, 0, 0, 0, 0, static_cast<int>(list.size()), 0}), 0, list);
    };
    CHECK(sense_of(page(0x11)) == scsi::sense::invalid_field_in_parameter_list(10, 4)); // test write
    CHECK(sense_of(page(0x41)) == scsi::sense::invalid_field_in_parameter_list(10, 6)); // BUFE
    CHECK(page(0x01).good());
}
