// A request written in pieces, as a pipe hands it over (`cat rules.txt > faults`): one text all
// the same, refused whole with its line and column, reported by the write that shows it wrong or
// else by the close; last_error cleared by the next request taken; a tree nothing is made in.
#include "control_fixture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sys/stat.h>

using namespace spindle;
using namespace spindle::test;

namespace {

// An open file written in the given pieces, one write() each: the errno of each write, then of
// the close (0 when it went through).
struct Pieces {
    std::vector<int> writes;
    int close = 0;
};

Pieces write_pieces(const std::filesystem::path& p, const std::vector<std::string>& pieces) {
    Pieces out;
    const int fd = ::open(p.c_str(), O_WRONLY | O_TRUNC);
    REQUIRE(fd >= 0);
    for (const auto& piece : pieces)
        out.writes.push_back(::write(fd, piece.data(), piece.size()) == static_cast<ssize_t>(piece.size()) ? 0 : errno);
    out.close = ::close(fd) == 0 ? 0 : errno;
    return out;
}

// `text` cut every `size` bytes, wherever that falls.
std::vector<std::string> cut(const std::string& text, std::size_t size) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < text.size(); at += size) out.push_back(text.substr(at, size));
    return out;
}

std::string rules(int count, int bad_line = 0) {
    std::string text;
    for (int i = 1; i <= count; ++i)
        text += i == bad_line
                    ? "   {command: READ(10), sence: 3/11/00}\n"
                    : fmt::format("{{command: READ(10), lba: [{}, {}], sense: 3/11/00}}\n", i * 10, i * 10 + 5);
    return text;
}

std::size_t rule_count(ControlFixture& f) {
    return f.with_drive([](Drive& d) { return d.faults().rules().size(); });
}

} // namespace

TEST_CASE("faults: 3000 rules in 4 KiB pieces cut mid-line are one list, added at the close") {
    ControlFixture f;
    const auto text = rules(3000);
    const auto pieces = cut(text, 4096);
    REQUIRE(pieces.size() > 30);
    const auto r = write_pieces(f.file("faults"), pieces);
    CHECK(std::count(r.writes.begin(), r.writes.end(), 0) == static_cast<long>(pieces.size()));
    CHECK(r.close == 0);
    CHECK(rule_count(f) == 3000);
    CHECK(read_file(f.file("last_error")).empty());
    CHECK(read_file(f.file("log")).find("faults: add #1-#3000 (3000 rules)") != std::string::npos);
}

TEST_CASE("faults: a bad line deep in a list in pieces refuses it all at the write that brings it, line:column") {
    ControlFixture f;
    const auto text = rules(3000, 2500);
    const auto pieces = cut(text, 4093);
    const auto r = write_pieces(f.file("faults"), pieces);
    const auto bad = text.find("sence");
    const auto first_refused =
        static_cast<std::size_t>(std::find(r.writes.begin(), r.writes.end(), EINVAL) - r.writes.begin());
    // The piece that completes line 2500 (its newline), and every one after it.
    CHECK(first_refused == text.find('\n', bad) / 4093);
    CHECK(std::all_of(r.writes.begin() + static_cast<long>(first_refused), r.writes.end(),
                      [](int e) { return e == EINVAL; }));
    CHECK(r.close == 0); // reported once, by the write
    CHECK(rule_count(f) == 0);
    CHECK(read_file(f.file("last_error")) ==
          "faults: 2500:24: sence: unknown key; expected one of: command, lba, cdb, nth, every, from, probability, "
          "after, before, medium, medium_condition, sense, information, sks, condition, delay, hang, state, for, "
          "corrupt, truncate, vanish, underrun, once, times\n");
}

TEST_CASE("faults: a last line without its newline is checked at the close, which fails for it") {
    ControlFixture f;
    const auto r = write_pieces(f.file("faults"), {"{command: READ(10), sense: 3/11/00}\n{command: INQ", "UIRY"});
    CHECK(r.writes == std::vector<int>{0, 0});
    CHECK(r.close == EINVAL);
    CHECK(read_file(f.file("last_error")).starts_with("faults: 2:"));
    CHECK(rule_count(f) == 0);
    CHECK(write_pieces(f.file("faults"), {"{command: INQ", "UIRY, sense: 3/11/00}"}).close == 0);
    CHECK(rule_count(f) == 1);
    CHECK(read_file(f.file("last_error")).empty()); // cleared by the request taken
    CHECK(write_pieces(f.file("faults"), {"rem", "ove 1\n"}).writes == std::vector<int>{0, 0});
    CHECK(rule_count(f) == 0);
}

TEST_CASE("tray, medium, state: a line in pieces is one request, carried out by the write that ends it") {
    ControlFixture f;
    const int fd = ::open(f.file("tray").c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    CHECK(::write(fd, "op", 2) == 2);
    CHECK_FALSE(f.with_drive([](Drive& d) { return d.state().tray_open; }));
    CHECK(::write(fd, "en\n", 3) == 3);
    CHECK(f.with_drive([](Drive& d) { return d.state().tray_open; })); // before the close
    // One request an open file: a second line is refused.
    CHECK(::write(fd, "close\n", 6) == -1);
    CHECK(errno == EINVAL);
    CHECK(::close(fd) == 0);
    CHECK(read_file(f.file("last_error")) == "tray: one request at a time (got several lines)\n");
    CHECK(write_pieces(f.file("tray"), {"clo", "se"}).close == 0); // no newline: at the close
    CHECK(read_file(f.file("tray")) == "closed\n");
    CHECK(read_file(f.file("last_error")).empty());
    CHECK(write_pieces(f.file("medium"), {"blank ", "dvd+r\n"}).writes == std::vector<int>{0, 0});
    CHECK(read_file(f.file("medium")).find("type: dvd+r\n") != std::string::npos);
    f.settle();
    CHECK(write_pieces(f.file("state"), {"becoming-", "ready 3s"}).close == 0);
    CHECK(f.tur() == "2/04/01");
    const auto bad = write_pieces(f.file("state"), {"becoming-", "ready soon"});
    CHECK(bad.close == EINVAL);
    CHECK(read_file(f.file("last_error")) == "state: 'soon': not a duration (e.g. 3s, 500ms, 1min; at most 1440min)\n");
}

TEST_CASE("the tree is fixed: making or removing an entry is refused with EACCES or EPERM, touch is harmless") {
    ControlFixture f;
    CHECK(::open(f.file("new").c_str(), O_WRONLY | O_CREAT, 0600) == -1);
    CHECK(errno == EACCES);
    CHECK(::mkdir((f.root / "ctl" / "drive9").c_str(), 0700) == -1);
    CHECK(errno == EACCES);
    CHECK(::unlink(f.file("tray").c_str()) == -1);
    CHECK(errno == EPERM);
    CHECK(::rmdir(f.file("").c_str()) == -1);
    CHECK(errno == EPERM);
    CHECK(::rename(f.file("tray").c_str(), f.file("tray2").c_str()) == -1);
    CHECK(errno == EPERM);
    CHECK(::symlink("tray", f.file("link").c_str()) == -1);
    CHECK(errno == EACCES);
    // touch on a file there: opened for writing, nothing written, times set: no request at all.
    const int fd = ::open(f.file("tray").c_str(), O_WRONLY | O_CREAT, 0600);
    REQUIRE(fd >= 0);
    CHECK(::close(fd) == 0);
    CHECK(::utimensat(AT_FDCWD, f.file("tray").c_str(), nullptr, 0) == 0);
    CHECK(read_file(f.file("last_error")).empty());
}

TEST_CASE("the root's pid file names the serving process; a second mount there is refused naming it") {
    ControlFixture f;
    const auto pid = std::to_string(::getpid());
    CHECK(read_file(f.root / "ctl" / "pid") == pid + "\n");
    VirtualClock clock;
    ServedDrive d("drive0", std::make_unique<Drive>(default_profile(), clock));
    auto second = fusectl::ControlFs::mount(f.root / "ctl", {&d});
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error() == (f.root / "ctl").string() + ": mmc-emu (pid " + pid +
                                ") serves a control filesystem there already; stop it (kill " + pid +
                                ") or choose another directory");
    CHECK(read_file(f.file("tray")) == "closed\n"); // the first still serves
}
