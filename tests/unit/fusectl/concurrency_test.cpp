// The control filesystem's thread and a target's serving thread on one drive at once, as in
// `mmc-emu attach --control`: commands run while a shell reads every file and changes the
// drive, and a log_pipe reader follows. Under ThreadSanitizer (scripts/dev test) any access to
// the drive outside ServedDrive's lock is a failure.
#include "control_fixture.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace spindle;
using namespace spindle::test;

TEST_CASE("a serving thread and the control filesystem share a drive: every command counted, none lost") {
    ControlFixture f;
    REQUIRE(write_file(f.file("medium"), "blank dvd+r") == 0);
    f.settle();
    const std::vector<std::vector<std::uint8_t>> commands = {
        {0x00, 0, 0, 0, 0, 0},                 // TEST UNIT READY
        {0x12, 0, 0, 0, 36, 0},                // INQUIRY
        {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0},    // READ DISC INFORMATION
        {0x46, 2, 0, 0, 0, 0, 0, 0, 8, 0},     // GET CONFIGURATION
        {0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0}, // READ TRACK INFORMATION, the invisible track
        {0x2A, 0, 0, 0, 0, 0, 0, 0, 16, 0},    // WRITE(10) at 0: refused after the first
        {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0},     // SYNCHRONIZE CACHE
    };
    constexpr int rounds = 2000;
    const auto before = f.served[0]->stats().commands;
    std::atomic<bool> serving{true};
    std::thread server([&] { // as the TCMU or CUSE thread does
        for (int i = 0; i < rounds; ++i)
            for (const auto& cdb : commands) {
                std::vector<std::uint8_t> out(cdb[0] == 0x2A ? 16 * 2048 : 0, 0x5A);
                std::vector<std::uint8_t> in(cdb[0] == 0x2A ? 0 : 256);
                (void)f.served[0]->execute(Command{cdb, out, in});
            }
        serving = false;
    });
    const std::string last_entry = fmt::format("#{} ", before + rounds * commands.size());
    std::string followed;
    std::thread follower([&] { // `cat log_pipe`, giving up after a while rather than hanging
        const int fd = ::open(f.file("log_pipe").c_str(), O_RDONLY | O_NONBLOCK);
        if (fd < 0) return;
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        char buf[4096];
        while (followed.find(last_entry) == std::string::npos && std::chrono::steady_clock::now() < give_up) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n > 0)
                followed.append(buf, static_cast<std::size_t>(n));
            else if (n < 0 && errno == EAGAIN)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            else
                break;
        }
        ::close(fd);
    });
    int shell_rounds = 0;
    while (serving || shell_rounds < 20) { // a shell script at the same time
        for (const char* name :
             {"tray", "medium", "state", "faults", "log", "stats", "disc.img", "disc.cdda", "last_error"})
            (void)read_file(f.file(name));
        CHECK(write_file(f.file("faults"), "{command: INQUIRY, sense: 2/04/01}") == 0);
        CHECK(write_file(f.file("faults"), "clear") == 0);
        CHECK(write_file(f.file("state"), "ready") == 0);
        ++shell_rounds;
    }
    server.join();
    follower.join();
    CHECK(f.served[0]->stats().commands == before + rounds * commands.size());
    const auto stats = read_file(f.file("stats"));
    CHECK(stats.find(fmt::format("commands: {}", before + rounds * commands.size())) != std::string::npos);
    CHECK(followed.find(last_entry) != std::string::npos);
}
