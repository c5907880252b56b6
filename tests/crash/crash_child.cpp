// The child of the crash-safety test: a drive over a kept disc image, driven by a seeded random
// workload of the commands burners send (writes at the NWA or anywhere on formatted media,
// SYNCHRONIZE CACHE, CLOSE TRACK/SESSION, RESERVE TRACK, BLANK, FORMAT UNIT), each announced
// to the parent before it is sent and reported when it completes (crash_protocol.hpp). The
// parent kills it with SIGKILL at a random moment. The drive runs on a virtual clock: a
// command's busy time passes at once, so the kills land in the drive's own work and in the
// saving of the disc.
#include "crash/crash_protocol.hpp"

#include "emulator/drive/drive.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <unistd.h>
#include <vector>

namespace spindle::crash {

namespace {

class Child {
public:
    Child(int report_fd, std::uint64_t seed)
        : fd_(report_fd), seed_(seed), rng_(seed), drive_(default_profile(), clock_) {}

    int run(const std::string& image, const std::string& preset) {
        // The disc kept at IMAGE as it is (FORMAT UNIT may have changed its kind: DVD-RW
        // restricted overwrite), or a new one from the preset.
        auto m = medium_exists(image) ? make_medium("saved " + image)
                                      : make_medium(fmt::format("{} image={}", preset, image));
        if (!m) {
            fmt::print(stderr, "crash child: {}\n", m.error());
            return 2;
        }
        drive_.load(std::move(*m));
        if (!settle()) return 4;
        if (!set_write_parameters()) return 4;
        report("R");
        for (;;) {
            if (!step()) {
                report("E");
                return 0;
            }
            if (refusals_in_a_row_ > 20) {
                fmt::print(stderr, "crash child: 20 refusals in a row, the last {}\n", last_sense_);
                return 4;
            }
        }
    }

private:
    const Disc& disc() const { return drive_.state().medium->disc; }
    std::uint32_t random(std::uint32_t below) {
        return std::uniform_int_distribution<std::uint32_t>(0, below - 1)(rng_);
    }

    void report(const std::string& line) {
        const std::string s = line + "\n";
        // One write per line: lines up to PIPE_BUF reach the pipe whole.
        while (::write(fd_, s.data(), s.size()) < 0 && errno == EINTR) {
        }
    }

    struct Result {
        Completion c;
        std::vector<std::uint8_t> in;
    };
    Result send(std::span<const std::uint8_t> cdb, std::vector<std::uint8_t> out = {}, std::size_t in_size = 0) {
        Result r;
        r.in.resize(in_size);
        r.c = drive_.execute(Command{cdb, out, r.in});
        r.in.resize(std::min(r.c.data_in_length, in_size));
        if (r.c.busy_until > clock_.now()) clock_.set(r.c.busy_until); // time passes at once
        return r;
    }
    std::string sense(const Completion& c) const { return c.sense.code_text(); }

    // Sends a command announced by `start`, then reports its outcome.
    bool announced(const std::string& start, std::span<const std::uint8_t> cdb, std::vector<std::uint8_t> out = {}) {
        report(start);
        const auto r = send(cdb, std::move(out));
        if (!r.c.good()) {
            last_sense_ = fmt::format("{} for '{}'", sense(r.c), start);
            report("x " + sense(r.c));
            ++refusals_in_a_row_;
            return false;
        }
        refusals_in_a_row_ = 0;
        wait_until_ready();
        const Disc& d = disc();
        unsigned closed = 0;
        for (const auto& t : d.tracks) closed += t.closed && !d.random_access() ? 1u : 0u;
        report(
            fmt::format("a {} {} {}", closed, d.random_access() ? 0 : d.complete_session_count(), d.formatted ? 1 : 0));
        return true;
    }

    bool settle() {
        for (int i = 0; i < 60; ++i) {
            clock_.advance(std::chrono::seconds(2));
            if (send(scsi::cdb::test_unit_ready()).c.good()) return true;
        }
        fmt::print(stderr, "crash child: the drive does not become ready\n");
        return false;
    }
    // A long operation (format, close) is over once TEST UNIT READY is GOOD again.
    void wait_until_ready() {
        for (int i = 0; i < 1000 && !send(scsi::cdb::test_unit_ready()).c.good(); ++i)
            clock_.advance(std::chrono::seconds(1));
    }

    // Page 05h: CD TAO and DVD-R incremental, next session allowed (so CLOSE SESSION leaves the
    // disc appendable; finalizing is chosen with the close function where the medium has one).
    bool set_write_parameters() {
        const MediaFamily family = disc().family();
        const bool dvd_minus = disc().kind == MediaKind::DvdMinusR || disc().kind == MediaKind::DvdMinusRDl ||
                               disc().kind == MediaKind::DvdMinusRwSequential;
        if (family != MediaFamily::Cd && !dvd_minus) return true;
        const auto sensed = send(scsi::cdb::mode_sense10(0x05, scsi::cdb::PageControl::Current, 255, false), {}, 255);
        if (!sensed.c.good() || sensed.in.size() < 12) return true; // ROM: nothing to set
        std::vector<std::uint8_t> list(8, 0);
        list.insert(list.end(), sensed.in.begin() + 8, sensed.in.end());
        list[8] &= 0x3F;
        list[8 + 2] = static_cast<std::uint8_t>((list[8 + 2] & 0xE0) | (dvd_minus ? 0 : 1));
        list[8 + 3] = static_cast<std::uint8_t>((list[8 + 3] & 0x3F) | (3 << 6));
        const auto r = send(scsi::cdb::mode_select10(static_cast<std::uint16_t>(list.size())), list);
        if (!r.c.good()) fmt::print(stderr, "crash child: MODE SELECT page 05h: {}\n", sense(r.c));
        return r.c.good();
    }

    bool write(std::uint32_t lba, std::uint32_t count) {
        const std::uint64_t stamp = (seed_ << 24) + ++writes_;
        std::vector<std::uint8_t> data(std::size_t{count} * block_size);
        for (std::uint32_t i = 0; i < count; ++i)
            fill_block(std::span(data).subspan(std::size_t{i} * block_size, block_size), lba + i, stamp);
        return announced(fmt::format("W {} {} {}", lba, count, stamp),
                         scsi::cdb::write10(lba, static_cast<std::uint16_t>(count)), std::move(data));
    }
    bool sync() { return announced("S", scsi::cdb::synchronize_cache()); }
    bool close(std::uint8_t function, std::uint16_t track, const std::string& start) {
        return announced(start, scsi::cdb::close_track_session(function, track));
    }
    bool reserve(std::uint32_t blocks) {
        return announced(fmt::format("V {}", blocks), scsi::cdb::reserve_track(blocks));
    }
    bool blank(std::uint8_t type) {
        const bool done = announced(fmt::format("B {}", type), scsi::cdb::blank(type));
        return done && set_write_parameters(); // a DVD-RW may have become sequential
    }
    // FORMAT UNIT with one of the descriptors READ FORMAT CAPACITIES offers (as libburn does).
    bool format() {
        const auto rfc = send(scsi::cdb::read_format_capacities(0xFFC), {}, 0xFFC);
        if (!rfc.c.good() || rfc.in.size() < 4) return false;
        const std::size_t end = std::min<std::size_t>(rfc.in.size(), 4 + rfc.in[3]);
        std::vector<std::size_t> offered;
        for (std::size_t at = 12; at + 8 <= end; at += 8) offered.push_back(at);
        if (offered.empty()) return false;
        const std::size_t at = offered[random(static_cast<std::uint32_t>(offered.size()))];
        std::vector<std::uint8_t> list{0, 0, 0, 8};
        list.insert(list.end(), rfc.in.begin() + static_cast<std::ptrdiff_t>(at),
                    rfc.in.begin() + static_cast<std::ptrdiff_t>(at + 8));
        const std::uint8_t type = list[8] >> 2;
        if (type == 0x26) list[9] = list[10] = list[11] = 0; // DVD+RW: a fresh format, not a restart
        if (disc().kind == MediaKind::BdR || (disc().kind == MediaKind::BdRe && type == 0x31))
            list[8] = static_cast<std::uint8_t>((type << 2) | 1); // a subtype these types take
        const bool done = announced(fmt::format("F {}", type), scsi::cdb::format_unit(), std::move(list));
        return done && set_write_parameters(); // the kind may have changed (DVD-RW)
    }

    // One command. Returns false when the disc is finished.
    bool step() {
        const Disc& d = disc();
        const std::uint32_t p = random(100);
        if (d.random_access()) {
            const std::uint32_t span = std::min<std::uint32_t>(d.capacity_blocks, 4096);
            if (p < 60) {
                // Restricted overwrite takes whole ECC blocks (16); the others any block.
                const std::uint32_t unit = d.kind == MediaKind::DvdMinusRwRestricted ? d.type().ecc_blocks : 1;
                const std::uint32_t count = unit * (1 + random(32 / unit + 1));
                write(random((span - count) / unit) * unit, count);
            } else if (p < 85) {
                sync();
            } else if (p < 90 && d.kind == MediaKind::DvdPlusRw) {
                close(random(2) == 0 ? 0 : 2, 0, "P");
            } else if (p < 92) {
                format();
            } else if (p < 93) {
                return false;
            }
            return true;
        }
        if (d.status == DiscStatus::Complete) {
            if (d.kind == MediaKind::CdRw) return blank(static_cast<std::uint8_t>(random(2))), true;
            if (d.kind == MediaKind::DvdMinusRwSequential) return blank(0), true;
            return false;
        }
        const bool unformatted_random = (d.kind == MediaKind::DvdPlusRw || d.kind == MediaKind::BdRe) && !d.formatted;
        if (unformatted_random || (d.kind == MediaKind::BdR && d.status == DiscStatus::Empty && !d.formatted && p < 20))
            return format(), true;
        const Track* open = nullptr;
        for (const auto& t : d.tracks)
            if (t.writable()) {
                open = &t;
                break;
            }
        if (open == nullptr) return close(2, 0, "D 1"), true;
        const bool write_once_plus = d.kind == MediaKind::DvdPlusR || d.kind == MediaKind::BdR;
        const bool rewritable = d.kind == MediaKind::CdRw || d.kind == MediaKind::DvdMinusRwSequential;
        const bool reservable = !rewritable && open->invisible && open->blank() && open->size > 64;
        if (p < 50) {
            const std::uint32_t count = std::min<std::uint32_t>(1 + random(64), open->size - open->recorded);
            write(open->next_writable(), count);
        } else if (p < 68) {
            sync();
        } else if (p < 82 && reservable) { // a blank track: reserve it rather than close it
            reserve(16 + random(std::min<std::uint32_t>(open->size / 2, 2048)));
        } else if (p < 76) {
            if (!open->blank() || open->reserved) close(1, open->number, fmt::format("C {}", open->number));
        } else if (p < 82) {
            if (write_once_plus && random(3) == 0)
                close(6, 0, "D 0");
            else
                close(2, 0, "D 1");
        } else if (p >= 90 && p < 93 && rewritable) {
            if (d.kind == MediaKind::CdRw)
                blank(static_cast<std::uint8_t>(random(2)));
            else if (random(2) == 0)
                blank(0);
            else
                format(); // to restricted overwrite, or sequential again
        }
        return true;
    }

    int fd_;
    std::uint64_t seed_;
    std::mt19937_64 rng_;
    VirtualClock clock_;
    Drive drive_;
    std::uint64_t writes_ = 0;
    int refusals_in_a_row_ = 0;
    std::string last_sense_;
};

} // namespace

int run_child(const std::string& image, const std::string& preset, std::uint64_t seed, int report_fd) {
    Child child(report_fd, seed);
    return child.run(image, preset);
}

} // namespace spindle::crash
