// Every recordable medium of the default profile: a generated image burned with verify,
// the disc reloaded into a new drive and read back byte for byte.
#include "burn_rig.hpp"

#include <thread>
#include <unistd.h>

using namespace spindle::test;

TEST_CASE("every recordable medium: burn, verify, reload, read back byte-identical") {
    for (const auto& preset : recordable_presets()) {
        CAPTURE(preset);
        BurnRig rig(preset);
        const auto bytes = image(3 * 1024 * 1024 + 1000, 7); // not a whole number of blocks
        auto r = rig.burn(bytes);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
        CHECK(r->verified);
        CHECK(r->checksum.has_value());
        CHECK(r->bytes == bytes.size());
        CHECK(r->sectors >= bytes.size() / 2048 + 1);
        rig.reload();
        CHECK(rig.read(r->start_lba, bytes.size()) == bytes);
        const auto p = rig.probe();
        if (p.medium == MediumClass::RandomAccess) {
            CHECK((p.media_state & media_state::overwrite_only) != 0);
        } else {
            CHECK((p.media_state & media_state::appendable) != 0); // left open for another session
            CHECK(p.previous_session_start == r->start_lba);
        }
    }
}

TEST_CASE("writes go in whole ECC blocks: 32 KiB multiples on DVD, 64 KiB on BD, whole blocks on CD") {
    for (const auto& [preset, unit] : std::vector<std::pair<std::string, std::size_t>>{
             {"blank dvd+r", 32768}, {"blank bd-r", 65536}, {"blank cd-r", 2048}, {"blank bd-re", 65536}}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        REQUIRE(rig.burn(image(5 * 1024 * 1024 + 3), false));
        const auto writes = rig.commands(Opcode::Write10);
        REQUIRE(!writes.empty());
        for (const auto& w : writes) CHECK(w.bytes % unit == 0);
        // Chunked by the transport's page-aligned limit (512 KiB on the emulated ATAPI queue).
        CHECK(writes.front().bytes == 512 * 1024);
    }
}

TEST_CASE("a stream of unknown size (a pipe) is written to its end") {
    BurnRig rig("blank dvd+r");
    const auto bytes = image(700 * 1024, 3);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::thread feeder([&] {
        std::size_t at = 0;
        while (at < bytes.size()) at += static_cast<std::size_t>(::write(fds[1], bytes.data() + at, bytes.size() - at));
        ::close(fds[1]);
    });
    auto s = fd_stream(fds[0]);
    auto w = rig.writer();
    w.set_verify(true);
    auto r = w.write(*s);
    feeder.join();
    ::close(fds[0]);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    CHECK(r->bytes == bytes.size());
    CHECK(r->verified);
    CHECK(rig.read(0, bytes.size()) == bytes);
}
