// The write part: a burn with the recorder's burn API (DataWriter, verification FULL), the data
// read back with plain READ(10), and on rewritable media an erase (DiscEraser) that leaves the
// disc blank again. What the steps learn is shared through one WriteRun.
#include "hardware_checks.hpp"

#include "recorder/byte_stream.hpp"
#include "recorder/data_writer.hpp"
#include "recorder/disc_eraser.hpp"
#include "recorder/media_probe.hpp"

#include "scsi/bytes.hpp"
#include "scsi/cdb_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace spindle::hardware {

using namespace recorder;
using Log = std::function<void(std::string)>;

namespace {

constexpr std::uint32_t block = 2048;
constexpr std::uint32_t pattern_seed = 9;

std::string failed(std::string_view what, const Error& e) { return fmt::format("{}: {}", what, e.to_string()); }

std::string describe(const MediaProbe& p) {
    return fmt::format("{} ({:04X}h), {}, {} of {} blocks free", profile_name(p.profile), p.profile,
                       media_state_text(p.media_state), p.free_blocks, p.total_blocks);
}

bool blank(const MediaProbe& p) { return (p.media_state & media_state::blank) != 0; }

struct WriteRun {
    WriteOptions options;
    MediaProbe before;
    std::optional<WriteResult> written;
};

std::string burn(WriteRun& run, DiscRecorder& rec, const Log& log) {
    auto probe = probe_media(rec.ex());
    if (!probe) return failed("probe", probe.error());
    run.before = *probe;
    log(describe(*probe));
    // A whole number of write units that fits the free space, and no more than asked for.
    const std::uint64_t unit = std::uint64_t{probe->unit_blocks} * block;
    const std::uint64_t room = std::uint64_t{probe->free_blocks} * block;
    const std::uint64_t bytes = std::min(run.options.bytes, room) / unit * unit;
    if (bytes == 0) return fmt::format("no room on the disc: {} blocks free", probe->free_blocks);

    DataWriter writer(rec);
    writer.set_client_name("spindle hardware suite");
    writer.set_verify(true);
    writer.set_force_overwrite(probe->rewritable); // SPINDLE_HW_WRITE=1: the disc may be overwritten
    auto stream = pattern_stream(bytes, pattern_seed);
    const auto t0 = std::chrono::steady_clock::now();
    auto r = writer.write(*stream);
    if (!r) return failed("DataWriter::write", r.error());
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    log(fmt::format("{} bytes at LBA {} ({} sectors), written in {:.1f} s, {:.1f} s with verification", r->bytes,
                    r->start_lba, r->sectors, r->write_seconds, s));
    if (!r->verified) return "the write was not verified";
    if (r->bytes != bytes) return fmt::format("{} bytes written, {} asked", r->bytes, bytes);
    run.written = *r;
    return {};
}

// Blocks [lba, lba + count) with READ(10), against the pattern the burn wrote from `start`.
std::string compare_blocks(DiscRecorder& rec, std::uint32_t start, std::uint32_t lba, std::uint16_t count) {
    const auto cdb = scsi::cdb::read10(lba, count);
    std::vector<std::uint8_t> got(std::size_t{count} * block), want(got.size());
    auto o = rec.ex().send_command_get_data_from_device(cdb, 60, got);
    if (!o) return failed(fmt::format("READ(10) LBA {}", lba), o.error());
    if (o->hr != hr::s_ok) return fmt::format("READ(10) LBA {} failed with sense", lba);
    if (o->bytes_fetched != got.size()) return fmt::format("READ(10) LBA {}: {} bytes", lba, o->bytes_fetched);
    fill_pattern(want, std::uint64_t{lba - start} * block, pattern_seed);
    if (got != want) return fmt::format("blocks {}..{} differ from what was burned", lba, lba + count - 1);
    return {};
}

std::string read_back(WriteRun& run, DiscRecorder& rec, const Log& log) {
    if (!run.written) return "nothing was burned";
    const auto& w = *run.written;
    const auto count = static_cast<std::uint16_t>(std::min<std::uint32_t>(16, w.sectors));
    for (const std::uint32_t lba : {w.start_lba, w.start_lba + w.sectors - count})
        if (auto e = compare_blocks(rec, w.start_lba, lba, count); !e.empty()) return e;
    log(fmt::format("first and last {} blocks read back as burned", count));
    return {};
}

std::string disc_changed(WriteRun& run, DiscRecorder& rec, const Log& log) {
    if (!run.written) return "nothing was burned";
    auto p = probe_media(rec.ex());
    if (!p) return failed("probe", p.error());
    log(describe(*p));
    if (p->medium == MediumClass::RandomAccess) {
        auto zeros = reads_as_zeros(rec.ex(), 16);
        if (!zeros) return failed("reading the first blocks", zeros.error());
        return *zeros ? "the disc still reads as blank" : std::string{};
    }
    if (blank(*p)) return "the disc still reports itself blank";
    if (p->free_blocks + run.written->sectors > run.before.free_blocks)
        return fmt::format("{} blocks free after writing {}, {} before", p->free_blocks, run.written->sectors,
                           run.before.free_blocks);
    return {};
}

std::string erase(WriteRun& run, DiscRecorder& rec, const Log& log) {
    if (!run.before.rewritable) {
        log("write-once disc: nothing to erase");
        return {};
    }
    DiscEraser eraser(rec);
    eraser.set_client_name("spindle hardware suite");
    const auto t0 = std::chrono::steady_clock::now();
    if (auto r = eraser.erase_media(); !r) return failed("DiscEraser::erase_media", r.error());
    log(fmt::format("quick erase in {:.1f} s",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()));
    auto p = probe_media(rec.ex());
    if (!p) return failed("probe", p.error());
    log(describe(*p));
    if (p->medium == MediumClass::RandomAccess) {
        auto zeros = reads_as_zeros(rec.ex(), 16);
        if (!zeros) return failed("reading the first blocks", zeros.error());
        return *zeros ? std::string{} : "the erased disc does not read as blank";
    }
    return blank(*p) ? std::string{} : "the erased disc does not report itself blank";
}

} // namespace

std::string write_precondition(DiscRecorder& rec) {
    auto p = probe_media(rec.ex());
    if (!p) return "cannot probe the disc: " + p.error().to_string();
    if (p->profile == 0) return "no disc in the drive";
    if (p->medium == MediumClass::Unsupported)
        return fmt::format("the recorder does not write {} discs", profile_name(p->profile));
    if (!blank(*p) && !p->rewritable) return fmt::format("the disc is neither blank nor erasable: {}", describe(*p));
    return {};
}

std::vector<Check> write_checks(WriteOptions options) {
    auto run = std::make_shared<WriteRun>();
    run->options = options;
    auto step = [run](std::string (*f)(WriteRun&, DiscRecorder&, const Log&)) {
        return [run, f](DiscRecorder& rec, const Log& log) { return f(*run, rec, log); };
    };
    return {{"burn and verify (DataWriter, verification FULL)", step(burn)},
            {"read back with READ(10)", step(read_back)},
            {"the disc shows what was burned", step(disc_changed)},
            {"erase a rewritable disc blank (DiscEraser)", step(erase)}};
}

} // namespace spindle::hardware
