// disc.img and disc.cdda as seekable images of the medium, log_pipe as a stream that waits, who may enter,
// and the mount a crashed run leaves behind.
#include "control_fixture.hpp"

#include "emulator/targets/fusectl/mount_point.hpp"

#include <fstream>
#include <random>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>

using namespace spindle;
using namespace spindle::test;

namespace {

std::vector<std::uint8_t> random_bytes(std::size_t n) {
    std::mt19937 gen(42);
    std::vector<std::uint8_t> v(n);
    for (auto& b : v) b = static_cast<std::uint8_t>(gen());
    return v;
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& p, std::uint64_t offset, std::size_t n) {
    std::vector<std::uint8_t> out(n);
    const int fd = ::open(p.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::pread(fd, out.data() + got, n - got, static_cast<off_t>(offset + got));
        REQUIRE(r >= 0);
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

} // namespace

TEST_CASE("disc.img is the medium's user data: its size, its bytes, at any offset") {
    ControlFixture f;
    const auto image = f.root / "rom.iso";
    const auto bytes = random_bytes(2048 * 600);
    std::ofstream(image, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    struct stat st {};
    REQUIRE(::stat(f.file("disc.img").c_str(), &st) == 0);
    CHECK(st.st_size == 0); // no disc
    REQUIRE(write_file(f.file("medium"), "rom from " + image.string()) == 0);
    REQUIRE(::stat(f.file("disc.img").c_str(), &st) == 0);
    CHECK(st.st_size == 2048 * 600);
    CHECK(read_bytes(f.file("disc.img"), 0, bytes.size() + 4096) == bytes);
    const std::vector<std::uint8_t> middle(bytes.begin() + 12345, bytes.begin() + 12345 + 70000);
    CHECK(read_bytes(f.file("disc.img"), 12345, 70000) == middle);
    CHECK(read_bytes(f.file("disc.img"), bytes.size(), 100).empty());
}

TEST_CASE("disc.img of a blank disc is empty") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    struct stat st {};
    REQUIRE(::stat(f.file("disc.img").c_str(), &st) == 0);
    CHECK(st.st_size == 0);
}

TEST_CASE("disc.cdda is a CD's audio by LBA, 2352 bytes a block, as burned; empty on a data disc") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank cd-r") == 0);
    f.settle();
    struct stat st {};
    REQUIRE(::stat(f.file("disc.cdda").c_str(), &st) == 0);
    CHECK(st.st_size == 0);
    // MODE SELECT(10) of page 05h: Track At Once; track mode 0 (audio) and data block type 0
    // (2352 raw bytes) are the zeros of bytes 3 and 4.
    std::vector<std::uint8_t> select(8 + 52, 0);
    select[8] = 0x05;
    select[9] = 50;
    select[10] = 0x01;
    REQUIRE(f.send({0x55, 0x10, 0, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(select.size()), 0}, 0, select) == "GOOD");
    const auto audio = random_bytes(2352 * 4);
    REQUIRE(f.send({0x2A, 0, 0, 0, 0, 0, 0, 0, 4, 0}, 0, audio) == "GOOD");
    REQUIRE(::stat(f.file("disc.cdda").c_str(), &st) == 0);
    CHECK(st.st_size == 2352 * 4);
    CHECK(read_bytes(f.file("disc.cdda"), 0, 2352 * 5) == audio);
    const std::vector<std::uint8_t> middle(audio.begin() + 3000, audio.begin() + 5000);
    CHECK(read_bytes(f.file("disc.cdda"), 3000, 2000) == middle);
    REQUIRE(::stat(f.file("disc.img").c_str(), &st) == 0);
    CHECK(read_bytes(f.file("disc.img"), 0, 100).size() == 100); // the user data: none, as zeros
}

TEST_CASE("log_pipe: what is held comes first, then a read waits for the next command") {
    ControlFixture f;
    f.tur();
    const int fd = ::open(f.file("log_pipe").c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    REQUIRE(n > 0);
    CHECK(std::string(buf, static_cast<std::size_t>(n)).starts_with("#1 "));

    std::string second;
    std::thread reader([&] {
        const ssize_t r = ::read(fd, buf, sizeof buf);
        if (r > 0) second.assign(buf, static_cast<std::size_t>(r));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(second.empty()); // still waiting
    f.send({0x12, 0, 0, 0, 36, 0});
    reader.join();
    CHECK(second.starts_with("#2 "));
    CHECK(second.find("12 00 00 00 24 00") != std::string::npos);
    ::close(fd);

    const int nb = ::open(f.file("log_pipe").c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(nb >= 0);
    CHECK(::read(nb, buf, sizeof buf) > 0);
    CHECK(::read(nb, buf, sizeof buf) == -1);
    CHECK(errno == EAGAIN);
    ::close(nb);
}

TEST_CASE("a second user is denied: the mount is its owner's only") {
    if (::geteuid() != 0) {
        MESSAGE("skipped: needs root to become another user");
        return;
    }
    ControlFixture f;
    const auto tray = f.file("tray");
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) { // nobody
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
        const int fd = ::open(tray.c_str(), O_RDONLY);
        if (fd >= 0) ::_exit(3);
        struct stat st {};
        const bool stat_denied = ::stat(tray.c_str(), &st) != 0 && errno == EACCES;
        ::_exit(errno == EACCES && stat_denied ? 0 : 4);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a mount point whose directories do not exist yet is made, parents included, private") {
    const auto root = fresh_dir();
    const auto dir = root / "a" / "b" / "ctl";
    {
        VirtualClock clock;
        ServedDrive d("drive0", std::make_unique<Drive>(default_profile(), clock));
        auto fs = fusectl::ControlFs::mount(dir, {&d});
        REQUIRE_MESSAGE(fs.has_value(), (fs ? "" : fs.error()));
        CHECK(read_file(dir / "drive0" / "tray") == "closed\n");
    }
    struct stat st {};
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    // A parent that is a file: refused, with the path named.
    std::ofstream(root / "file") << "x";
    VirtualClock clock;
    ServedDrive d("drive0", std::make_unique<Drive>(default_profile(), clock));
    auto fs = fusectl::ControlFs::mount(root / "file" / "ctl", {&d});
    REQUIRE_FALSE(fs.has_value());
    CHECK(fs.error().find((root / "file").string()) != std::string::npos);
    std::filesystem::remove_all(root);
}

TEST_CASE("a stale mount left by a crashed run is removed when the next run mounts") {
    const auto root = fresh_dir();
    const auto dir = root / "ctl";
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) { // mounts, then dies without unmounting
        VirtualClock clock;
        ServedDrive d("drive0", std::make_unique<Drive>(default_profile(), clock));
        auto fs = fusectl::ControlFs::mount(dir, {&d});
        if (!fs) ::_exit(2);
        ::_exit(0); // no destructor runs
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    CHECK(fusectl::is_stale_mount(dir));
    {
        VirtualClock clock;
        ServedDrive d("drive0", std::make_unique<Drive>(default_profile(), clock));
        auto fs = fusectl::ControlFs::mount(dir, {&d});
        REQUIRE_MESSAGE(fs.has_value(), (fs ? "" : fs.error()));
        CHECK(read_file(dir / "drive0" / "tray") == "closed\n");
    }
    CHECK_FALSE(fusectl::is_stale_mount(dir));
    std::filesystem::remove_all(root);
}
