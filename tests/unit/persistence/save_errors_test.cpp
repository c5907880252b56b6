// A save that fails reaches the initiator: CLOSE TRACK/SESSION, the close SYNCHRONIZE CACHE
// performs, BLANK, FORMAT UNIT, RESERVE TRACK, SEND DISC STRUCTURE and a track's first WRITE answer
// MEDIUM ERROR
// when the layout cannot be saved (SPC-4 table 28: 0C/00 WRITE ERROR, 72/00 SESSION FIXATION
// ERROR, 51/00 ERASE FAILURE, 31/01 FORMAT COMMAND FAILED). After a failed sync every later
// flush fails too, until the disc is reloaded from its files (Linux reports a failed fdatasync
// once: a retried one would succeed over lost pages).
#include "power_loss/kept_disc.hpp"
#include "write/write_fixture.hpp"

using namespace spindle;
using namespace spindle::test;

namespace {

using Call = MemoryStorage::Call;
const std::filesystem::path image = "/discs/disc.img";

// A drive on a disc kept in memory.
struct KeptWriter {
    explicit KeptWriter(std::string_view preset) {
        keep_in_memory(storage, preset, image);
        w.load(reopen_in_memory(storage, image));
    }
    void reload() {
        w.t->drive.open_tray();
        (void)w.t->drive.take_medium();
        w.load(reopen_in_memory(storage, image));
    }
    MemoryStorage storage;
    Writer w{"blank dvd+r"}; // replaced by the kept disc
};

} // namespace

TEST_CASE("CLOSE SESSION whose layout cannot be saved is 3/72/00 SESSION FIXATION ERROR, and stays so") {
    KeptWriter k("blank dvd+r");
    REQUIRE(k.w.write(0, 16).good());         // the track's first data: its layout saved at once
    REQUIRE(k.w.write(16, 16).good());        // saved at the next flush
    k.storage.inject({Call::Rename, 2, EIO}); // the flush's save renames first, then the close's
    CHECK(sense_of(k.w.close(2)) == sense(0x3, 0x72, 0x00));
    CHECK(sense_of(k.w.close(2)) == sense(0x3, 0x0C, 0x00)); // the buffer cannot be flushed before closing
    CHECK(sense_of(k.w.sync()) == sense(0x3, 0x0C, 0x00));
    k.reload(); // the disc as its files hold it: written, not closed
    CHECK(k.w.disc().complete_session_count() == 0);
    CHECK(k.w.reads_back(0, 32));
    CHECK(k.w.close(2).good());
}

TEST_CASE("CLOSE TRACK whose layout cannot be saved is 3/0C/00 WRITE ERROR") {
    KeptWriter k("blank dvd+r");
    REQUIRE(k.w.write(0, 16).good());
    REQUIRE(k.w.sync().good());
    k.storage.inject({Call::Write, 1, ENOSPC}); // the layout's temporary file
    CHECK(sense_of(k.w.close(1, 1)) == sense(0x3, 0x0C, 0x00));
    CHECK(sense_of(k.w.close(1, 1)) == sense(0x3, 0x0C, 0x00));
}

TEST_CASE("the close SYNCHRONIZE CACHE performs reports a failed save: a CD track written Track At Once") {
    KeptWriter k("blank cd-r");
    REQUIRE(k.w.set_write_mode(1, 3).good()); // Track At Once, next session allowed
    REQUIRE(k.w.write(0, 4).good());
    REQUIRE(k.w.write(4, 2).good());
    k.storage.inject({Call::Rename, 2, EIO}); // the flush saves the data's layout, the close fails
    CHECK(sense_of(k.w.sync()) == sense(0x3, 0x0C, 0x00));
    CHECK(sense_of(k.w.sync()) == sense(0x3, 0x0C, 0x00));
}

TEST_CASE("after a failed fdatasync every SYNCHRONIZE CACHE fails until the disc is reloaded") {
    KeptWriter k("formatted bd-re capacity=4096");
    REQUIRE(k.w.write(0, 8).good());
    k.storage.inject({Call::Sync, 1, EIO}); // the pages are lost; the next fdatasync would succeed
    CHECK(sense_of(k.w.sync()) == sense(0x3, 0x0C, 0x00));
    CHECK(sense_of(k.w.sync()) == sense(0x3, 0x0C, 0x00));
    CHECK(sense_of(k.w.write(8, 1)) == sense(0x3, 0x0C, 0x00));
    CHECK(sense_of(k.w.sync()) == sense(0x3, 0x0C, 0x00));
    k.reload();
    CHECK(k.w.write(8, 1).good());
    CHECK(k.w.sync().good());
}

TEST_CASE("BLANK whose layout cannot be saved is 3/51/00 ERASE FAILURE") {
    KeptWriter k("closed cd-rw");
    k.storage.inject({Call::Sync, 1, EIO});
    CHECK(sense_of(k.w.blank(1)) == sense(0x3, 0x51, 0x00));
    k.reload();
    CHECK(k.w.disc().status == DiscStatus::Complete); // not blanked, and the drive said so
}

TEST_CASE("FORMAT UNIT whose layout cannot be saved is 3/31/01 FORMAT COMMAND FAILED") {
    KeptWriter k("blank bd-re");
    k.storage.inject({Call::Rename, 1, ENOSPC});
    CHECK(sense_of(k.w.format(0x31, 0)) == sense(0x3, 0x31, 0x01));
    k.reload();
    CHECK_FALSE(k.w.disc().formatted);
}

TEST_CASE("RESERVE TRACK and a track's first WRITE whose layout cannot be saved are 3/0C/00") {
    KeptWriter k("blank dvd+r");
    k.storage.inject({Call::Write, 1, EIO});
    CHECK(sense_of(k.w.reserve(32)) == sense(0x3, 0x0C, 0x00));
    KeptWriter w("blank dvd+r");
    w.storage.inject({Call::Rename, 1, EIO}); // the data reached the image; its layout did not
    CHECK(sense_of(w.w.write(0, 4)) == sense(0x3, 0x0C, 0x00));
}

TEST_CASE("SEND DISC STRUCTURE whose layer boundary cannot be saved is 3/0C/00, and the disc keeps the old one") {
    KeptWriter k("blank dvd+r-dl");
    const auto before = k.w.disc().layer0_capacity;
    std::vector<std::uint8_t> list{0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    scsi::put_be32(list, 8, 16 * 1024);
    k.storage.inject({Call::Rename, 1, EIO});
    CHECK(sense_of(k.w.run(as_vector(scsi::cdb::send_disc_structure(0x20, 12)), 0, list)) == sense(0x3, 0x0C, 0x00));
    k.reload();
    CHECK(k.w.disc().layer0_capacity == before);
}
