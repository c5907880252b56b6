// The files a drive opens are the ones meant. A named image may be a link
// (resolved once, to the real file) but must be a regular file; the files kept beside it are
// never links; the metadata's temporary is made anew; an image has one user at a time.
#include "emulator/media/atomic_file.hpp"
#include "untrusted_files/untrusted_fixture.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fcntl.h>
#include <thread>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("an image named through a link is kept at the real file, and messages name the real file") {
    TempDir dir;
    const auto real = dir / "real.img";
    const auto link = dir / "link.img";
    spit(real, "");
    std::filesystem::create_symlink(real, link);
    {
        auto m = value_or_fail(make_medium("blank dvd+r image=" + link.string()));
        CHECK(m->image == std::filesystem::canonical(real));
    }
    CHECK(std::filesystem::exists(metadata_path_for(real)));
    CHECK_FALSE(std::filesystem::exists(metadata_path_for(link)));
    CHECK(value_or_fail(make_medium("saved " + link.string()))->disc.kind == MediaKind::DvdPlusR);
    const auto e = error_of(make_medium("blank cd-r image=" + link.string()));
    CHECK(contains(e, std::filesystem::canonical(real).string() + " holds a dvd+r disc, not a cd-r"));
    std::filesystem::remove(real);
    CHECK(contains(error_of(make_medium("saved " + link.string())), "a symbolic link that leads nowhere"));
}

TEST_CASE("a directory, a FIFO or a device named as an image or a sound file is refused by what it is") {
    TempDir dir;
    const auto fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(contains(error_of(make_medium("blank dvd+r image=" + dir.path.string())),
                   "is a directory: expected a regular file"));
    CHECK(contains(error_of(make_medium("blank dvd+r image=" + fifo.string())), "is a FIFO: expected a regular file"));
    CHECK(contains(error_of(make_medium("rom from /dev/null")), "/dev/null is a character device"));
    CHECK(contains(error_of(make_medium("cd-da from " + fifo.string())), "is a FIFO: expected a regular file"));
    // Without O_NONBLOCK, opening a FIFO to read waits for a writer: one stands by, so that the
    // unfixed code fails this check instead of hanging.
    std::atomic<bool> done{false};
    std::thread writer([&] {
        while (!done) {
            const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0) ::close(fd);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    const auto e = error_of(make_medium("rom from " + fifo.string()));
    done = true;
    writer.join();
    CHECK(contains(e, "is a FIFO: expected a regular file"));
}

TEST_CASE("metadata or audio beside an image that is a link is refused, and not followed") {
    KeptImage k;
    const auto elsewhere = k.dir / "elsewhere.json";
    std::filesystem::rename(k.meta(), elsewhere);
    std::filesystem::create_symlink(elsewhere, k.meta());
    CHECK(contains(error_of(make_medium("saved " + k.image.string())), k.meta().string() + " is a symbolic link"));
    CHECK(contains(error_of(make_medium("blank dvd+r image=" + k.image.string())), "is a symbolic link"));
    std::filesystem::remove(k.meta());
    std::filesystem::rename(elsewhere, k.meta());
    std::filesystem::create_symlink(elsewhere, audio_path_for(k.image));
    CHECK(contains(error_of(make_medium("saved " + k.image.string())), ".cdda is a symbolic link"));
}

TEST_CASE("a link planted beside a loaded disc is not followed: audio written, metadata or saved pages read") {
    KeptImage k("blank cd-r");
    auto m = value_or_fail(make_medium("saved " + k.image.string())); // checked: no links yet
    const auto victim = k.dir / "victim";
    spit(victim, "precious");
    std::filesystem::create_symlink(victim, audio_path_for(k.image));
    const std::vector<std::uint8_t> sound(BlockStore::audio_block_size, 0x11);
    CHECK_FALSE(m->store->write_audio(0, sound));
    CHECK(slurp(victim) == "precious");
    std::filesystem::remove(audio_path_for(k.image));
    std::filesystem::rename(k.meta(), k.dir / "disc.json");
    std::filesystem::create_symlink(k.dir / "disc.json", k.meta());
    CHECK(contains(error_of(open_medium(k.image)), "is a symbolic link"));
    const auto saved = k.dir / "mode-pages.saved";
    std::filesystem::create_symlink(victim, saved);
    CHECK(contains(error_of(read_whole_file(saved, real_storage())), "is a symbolic link"));
}

TEST_CASE("the metadata's temporary file is made anew, never written through a link planted at its name") {
    KeptImage k;
    const auto victim = k.dir / "victim";
    spit(victim, "precious");
    std::filesystem::create_symlink(victim, temporary_path_for(k.meta()));
    auto m = value_or_fail(make_medium("saved " + k.image.string()));
    record_16_blocks(m->disc);
    REQUIRE(save_medium(*m));
    CHECK(slurp(victim) == "precious");
    CHECK_FALSE(std::filesystem::is_symlink(k.meta()));
    CHECK(value_or_fail(open_medium(k.image))->disc.tracks[0].recorded == 16);
}

TEST_CASE("an image in use is refused to a second user, untouched; free again once the first is gone") {
    KeptImage k;
    auto first = value_or_fail(make_medium("saved " + k.image.string()));
    const std::vector<std::uint8_t> block(2048, 0x5A);
    REQUIRE(first->store->write(0, block));
    record_16_blocks(first->disc);
    REQUIRE(save_medium(*first));
    const auto meta = slurp(k.meta());
    for (const std::string& second : {"saved " + k.image.string(), "blank dvd+r image=" + k.image.string()}) {
        CAPTURE(second);
        const auto e = error_of(make_medium(second));
        CHECK(contains(e, k.image.string() + " is in use by another drive or process"));
    }
    // A fresh disc made at that path (mmc-emu --image) would empty the image under the first.
    CHECK(contains(error_of(make_medium("blank dvd+r", k.image)), "is in use"));
    CHECK(slurp(k.meta()) == meta);
    CHECK(std::filesystem::file_size(k.image) >= 2048);
    std::vector<std::uint8_t> out(2048);
    REQUIRE(first->store->read(0, out));
    CHECK(out == block);
    // Another process is refused the same way (the lock is the kernel's).
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const auto m = make_medium("saved " + k.image.string());
        ::_exit(!m && m.error().find("is in use") != std::string::npos ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    first.reset();
    CHECK(value_or_fail(make_medium("saved " + k.image.string()))->disc.tracks[0].recorded == 16);
}
