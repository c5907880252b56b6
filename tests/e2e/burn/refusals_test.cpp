// What DataWriter refuses, and that it refuses before writing anything.
#include "burn_rig.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace spindle::test;

TEST_CASE("a stream larger than the free space is refused before anything is written") {
    for (const std::string preset :
         {"blank cd-r capacity=2000", "blank dvd+r capacity=2000", "blank bd-r capacity=2000",
          "blank dvd-r capacity=2000", "formatted dvd+rw capacity=2000"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        rig.trace->clear();
        auto r = rig.burn(image(5 * 1024 * 1024));
        REQUIRE_FALSE(r);
        CHECK(hr_name(r.error()) == "E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA");
        CHECK_FALSE(rig.sent(Opcode::Write10));
        CHECK_FALSE(rig.sent(Opcode::FormatUnit));
        CHECK_FALSE(rig.sent(Opcode::ModeSelect10));
        const auto p = rig.probe();
        if (p.medium != MediumClass::RandomAccess) CHECK((p.media_state & media_state::blank) != 0);
    }
}

TEST_CASE("a stream of unknown size that outgrows the disc stops at the end of the free space") {
    BurnRig rig("blank dvd+r capacity=2000");
    std::signal(SIGPIPE, SIG_IGN); // the feeder writes on after the burn stopped reading
    const auto bytes = image(5 * 1024 * 1024);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::thread feeder([&] {
        std::size_t at = 0;
        while (at < bytes.size()) {
            const auto n = ::write(fds[1], bytes.data() + at, bytes.size() - at);
            if (n <= 0) break;
            at += static_cast<std::size_t>(n);
        }
        ::close(fds[1]);
    });
    auto s = fd_stream(fds[0]);
    auto w = rig.writer();
    auto r = w.write(*s);
    ::close(fds[0]);
    feeder.join();
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA");
    rig.reload();
    // Closed as after a cancel (the disc is full: no room for another session); what was
    // written before the end of the free space reads back.
    const auto p = rig.probe();
    CHECK((p.media_state & (media_state::appendable | media_state::finalized)) != 0);
    CHECK(p.previous_session_start == 0u);
    const auto last = p.previous_session_last.value_or(0);
    REQUIRE(last > 1000);
    const std::vector<std::uint8_t> head(bytes.begin(), bytes.begin() + std::ptrdiff_t{1000} * 2048);
    CHECK(rig.read(0, head.size()) == head);
}

TEST_CASE("a formatted rewritable disc with data is not overwritten without ForceOverwrite") {
    for (const std::string preset : {"formatted dvd-ram", "formatted bd-re", "formatted dvd+rw"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        REQUIRE(rig.burn(image(100 * 1024, 1)));
        CHECK_FALSE(*rig.writer().media_heuristically_blank());
        rig.trace->clear();
        auto r = rig.burn(image(100 * 1024, 2));
        REQUIRE_FALSE(r);
        CHECK(hr_name(r.error()) == "E_IMAPI_DF2DATA_MEDIA_NOT_BLANK");
        CHECK_FALSE(rig.sent(Opcode::Write10));
        auto w = rig.writer();
        w.set_force_overwrite(true);
        w.set_verify(true);
        auto s = memory_stream(image(100 * 1024, 3));
        CHECK(w.write(*s));
    }
}

TEST_CASE("no medium, a pressed disc: the IMAPI2 errors, nothing sent to write") {
    BurnRig none("none");
    auto n = none.burn(image(4096));
    REQUIRE_FALSE(n);
    CHECK(hr_name(n.error()) == "E_IMAPI_RECORDER_MEDIA_NO_MEDIA");
    CHECK_FALSE(none.writer().is_current_media_supported().has_value());

    auto rom_file = std::filesystem::temp_directory_path() / "spindle-burn-rom.iso";
    {
        std::ofstream f(rom_file, std::ios::binary);
        const auto b = image(64 * 2048);
        f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    }
    BurnRig rom("rom from " + rom_file.string());
    auto r = rom.burn(image(4096));
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED");
    CHECK((*rom.writer().current_media_status() & media_state::unsupported_media) != 0);
    std::filesystem::remove(rom_file);
}

TEST_CASE("test write goes through the motions and leaves the disc blank") {
    for (const std::string preset : {"blank cd-r", "blank cd-rw", "blank dvd-r", "blank dvd-rw"}) {
        CAPTURE(preset);
        BurnRig rig(preset);
        auto w = rig.writer();
        w.set_test_write(true);
        w.set_verify(true); // nothing to verify: skipped
        auto s = memory_stream(image(1024 * 1024));
        auto r = w.write(*s);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
        CHECK(r->simulated);
        CHECK_FALSE(r->verified);
        CHECK(rig.sent(Opcode::Write10));
        const auto pages = rig.commands(Opcode::ModeSelect10);
        REQUIRE(!pages.empty());
        rig.reload();
        const auto p = rig.probe();
        if (p.medium != MediumClass::RandomAccess) CHECK((p.media_state & media_state::blank) != 0);
    }
    BurnRig plus("blank dvd+r");
    auto w = plus.writer();
    w.set_test_write(true);
    auto s = memory_stream(image(4096));
    auto r = w.write(*s);
    REQUIRE_FALSE(r);
    CHECK(hr_name(r.error()) == "E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED");
}
