#pragma once
// A drive on a virtual clock, served and mounted through the control filesystem in a fresh
// directory; the test drives it with plain file operations, as a shell script would.
#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/control_fs.hpp"
#include "emulator/targets/served_drive.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace spindle::test {

// errno of the first failed step (open, write, close: a request is whole at the close), 0 when
// the whole write went through.
inline int write_file(const std::filesystem::path& p, std::string_view text) {
    const int fd = ::open(p.c_str(), O_WRONLY | O_TRUNC);
    if (fd < 0) return errno;
    const ssize_t n = ::write(fd, text.data(), text.size());
    const int err = n < 0 ? errno : 0;
    const int closed = ::close(fd) == 0 ? 0 : errno;
    return err != 0 ? err : closed;
}

inline std::string read_file(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY);
    if (fd < 0) return "<open failed: " + std::to_string(errno) + ">";
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

inline std::filesystem::path fresh_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "spindle-ctl-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp");
    return tmpl;
}

struct ControlFixture {
    explicit ControlFixture(int drives = 1) : root(fresh_dir()) {
        for (int i = 0; i < drives; ++i)
            served.push_back(std::make_unique<ServedDrive>("drive" + std::to_string(i),
                                                           std::make_unique<Drive>(default_profile(), clock)));
        std::vector<ServedDrive*> ptrs;
        for (auto& s : served) ptrs.push_back(s.get());
        auto fs = fusectl::ControlFs::mount(root / "ctl", ptrs);
        if (!fs) FAIL(fs.error());
        control = std::move(*fs);
    }
    ~ControlFixture() {
        control.reset();
        std::error_code ec;
        std::filesystem::remove_all(root, ec);
    }

    std::filesystem::path file(std::string_view name, int drive = 0) const {
        return root / "ctl" / ("drive" + std::to_string(drive)) / name;
    }
    // A command as an initiator sends it; returns "GOOD" or the sense as "2/3A/02".
    std::string send(std::vector<std::uint8_t> cdb, int drive = 0, std::vector<std::uint8_t> out = {}) {
        std::vector<std::uint8_t> in(out.empty() ? 256 : 0);
        const auto c = served[static_cast<std::size_t>(drive)]->execute(Command{cdb, out, in});
        if (c.good()) return "GOOD";
        char buf[16];
        std::snprintf(buf, sizeof buf, "%X/%02X/%02X", static_cast<unsigned>(c.sense.key()), c.sense.asc(),
                      c.sense.ascq());
        return buf;
    }
    std::string tur(int drive = 0) { return send({0x00, 0, 0, 0, 0, 0}, drive); }
    // Unit attentions consumed, the loading disc's becoming-ready time passed.
    void settle(int drive = 0) {
        advance(std::chrono::seconds(30));
        for (int i = 0; i < 10 && tur(drive) != "GOOD"; ++i) advance(std::chrono::seconds(30));
    }
    void advance(Duration d) {
        served[0]->with([&](Drive&) { clock.advance(d); });
    }
    template <class F>
    auto with_drive(F&& f, int drive = 0) {
        return served[static_cast<std::size_t>(drive)]->with(std::forward<F>(f));
    }

    VirtualClock clock;
    std::filesystem::path root;
    std::vector<std::unique_ptr<ServedDrive>> served;
    std::unique_ptr<fusectl::ControlFs> control;
};

} // namespace spindle::test
