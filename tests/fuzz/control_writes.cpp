// The control files' write handlers (fusectl/control_text.hpp write_control_text, which runs
// drive_control.hpp's write_tray, write_medium, write_state and write_faults) with arbitrary
// text, between commands from a host, on one drive per input.
//
// An input is a sequence of steps, each a byte and its operands:
//   0-3  a write to tray, medium, state or faults: byte length, then that many bytes of text
//   4    the host polls: TEST UNIT READY, GET EVENT STATUS NOTIFICATION, READ DISC
//        INFORMATION, PREVENT or ALLOW MEDIUM REMOVAL (byte: which)
//   5    time passes: byte * 100 ms
// A refused write leaves the drive as it was: what the tray, medium, state and faults files
// show is the same before and after. Media presets name files relative to a directory of the
// harness's own (each input runs there, and returns to where it was); a preset with a '/' is
// not written, so that nothing outside it is read or made. That directory is emptied after
// each input.
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/control_text.hpp"
#include "fuzz_input.hpp"

#include <array>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace {

using namespace spindle;
using fusectl::FileKind;

constexpr std::array<FileKind, 4> writable = {FileKind::Tray, FileKind::Medium, FileKind::State, FileKind::Faults};

std::array<std::string, 4> snapshot(ServedDrive& drive) {
    std::array<std::string, 4> texts;
    for (std::size_t i = 0; i < writable.size(); ++i) texts[i] = fusectl::read_control_text(drive, writable[i]);
    return texts;
}

struct WorkDir {
    std::filesystem::path path;
    int back = -1; // where the process was
    ~WorkDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

WorkDir& work_dir() {
    static WorkDir dir;
    if (dir.path.empty()) {
        std::string name = (std::filesystem::temp_directory_path() / "spindle-fuzz-control-XXXXXX").string();
        dir.back = ::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir.back < 0 || ::mkdtemp(name.data()) == nullptr) std::abort();
        dir.path = name;
    }
    return dir;
}

// Back where the process was (libFuzzer writes its findings by relative paths), then abort.
[[noreturn]] void fail() {
    // A (void) cast does not quiet fchdir's warn_unused_result under _FORTIFY_SOURCE (the
    // Debian package's flags); the abort follows either way.
    [[maybe_unused]] const int back = ::fchdir(work_dir().back);
    std::abort();
}

void host_command(ServedDrive& drive, std::uint8_t which) {
    static const std::array<std::vector<std::uint8_t>, 5> cdbs = {{
        {0x00, 0, 0, 0, 0, 0},                   // TEST UNIT READY
        {0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0}, // GET EVENT STATUS NOTIFICATION, media
        {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0},      // READ DISC INFORMATION
        {0x1E, 0, 0, 0, 1, 0},                   // PREVENT MEDIUM REMOVAL
        {0x1E, 0, 0, 0, 0, 0},                   // ALLOW MEDIUM REMOVAL
    }};
    const auto& cdb = cdbs[which % cdbs.size()];
    std::vector<std::uint8_t> in(64);
    const auto c = drive.execute(Command{cdb, {}, in});
    if (c.data_in_length > in.size()) fail();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput in(data, size);
    if (::chdir(work_dir().path.c_str()) != 0) std::abort();
    VirtualClock clock;
    {
        ServedDrive drive("drive0", std::make_unique<Drive>(default_profile(), clock));
        for (int steps = 0; !in.empty() && steps < 64; ++steps) {
            const std::size_t op = in.byte() % 6;
            if (op == 4) {
                host_command(drive, in.byte());
                continue;
            }
            if (op == 5) {
                clock.advance(std::chrono::milliseconds(100) * in.byte());
                continue;
            }
            const auto text = in.text(in.byte());
            if (writable[op] == FileKind::Medium && text.find('/') != std::string_view::npos) continue;
            const auto before = snapshot(drive);
            const auto written = fusectl::write_control_text(drive, writable[op], text);
            if (!written && snapshot(drive) != before) fail(); // refused, yet something changed
        }
    } // the drive, and any disc it kept in the directory, goes first
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(work_dir().path, ec))
        std::filesystem::remove_all(entry.path(), ec);
    if (::fchdir(work_dir().back) != 0) std::abort();
    return 0;
}
