// The recorder's own overhead: an in-process burn in fast mode (DataWriter::write of a stream,
// probe, WRITEs, SYNC, CLOSE) against WRITE(10) commands of the same size sent straight to
// Drive::execute on the same medium type, interleaved, best of N rounds.
#include "bridge/emu_name.hpp"
#include "bridge/emulated_transport.hpp"
#include "recorder/data_writer.hpp"
#include "recorder/page_buffer.hpp"

#include "scsi/cdb_write.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>

using namespace spindle;
using namespace spindle::recorder;

namespace {

using Clock = std::chrono::steady_clock;

// The image: a buffer read over and over, as a stream would deliver it (a copy per read).
class RepeatingStream final : public ByteStream {
public:
    RepeatingStream(std::uint64_t size, const std::vector<std::uint8_t>& source) : size_(size), source_(source) {}
    Result<std::size_t> read(std::span<std::uint8_t> out) override {
        std::size_t done = 0;
        while (done < out.size() && at_ < size_) {
            const std::size_t offset = static_cast<std::size_t>(at_ % source_.size());
            const std::size_t n = static_cast<std::size_t>(
                std::min<std::uint64_t>({out.size() - done, source_.size() - offset, size_ - at_}));
            std::memcpy(out.data() + done, source_.data() + offset, n);
            done += n;
            at_ += n;
        }
        return done;
    }
    std::optional<std::uint64_t> size() const override { return size_; }

private:
    std::uint64_t size_;
    const std::vector<std::uint8_t>& source_;
    std::uint64_t at_ = 0;
};

std::shared_ptr<EmulatedDevice> ready_device(const std::string& preset) {
    auto d = make_emulated_device(EmulatorSpec{"", preset}, ClockKind::Virtual);
    if (!d) {
        fmt::print(stderr, "bench_burn: {}\n", d.error().to_string());
        std::exit(1);
    }
    // Take the unit attentions of the load, as a host's first commands do.
    const std::array<std::uint8_t, 6> tur{};
    for (int i = 0; i < 4; ++i) (void)(*d)->drive().execute(Command{tur, {}, {}});
    return *d;
}

// WRITE(10) of `chunk` bytes at a time from LBA 0, straight into the drive.
double raw_seconds(const std::string& preset, std::uint64_t bytes, std::size_t chunk,
                   const std::vector<std::uint8_t>& source) {
    auto device = ready_device(preset);
    auto buf = PageBuffer::allocate(chunk);
    const auto start = Clock::now();
    std::uint32_t lba = 0;
    for (std::uint64_t at = 0; at < bytes; at += chunk) {
        std::memcpy(buf->data(), source.data() + at % source.size(), chunk); // the same copy a stream makes
        const auto cdb = scsi::cdb::write10(lba, static_cast<std::uint16_t>(chunk / 2048));
        const auto c = device->drive().execute(Command{cdb, buf->span(), {}});
        if (c.status != ScsiStatus::Good) {
            fmt::print(stderr, "bench_burn: raw WRITE at {} failed\n", lba);
            std::exit(1);
        }
        lba += static_cast<std::uint32_t>(chunk / 2048);
    }
    // The data is on the disc (and the image file) only after SYNCHRONIZE CACHE, which every
    // burn ends with: the drive's cost, so part of its raw rate.
    const auto sync = scsi::cdb::synchronize_cache();
    if (device->drive().execute(Command{sync, {}, {}}).status != ScsiStatus::Good) std::exit(1);
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double burn_seconds(const std::string& preset, std::uint64_t bytes, const std::vector<std::uint8_t>& source,
                    std::size_t& chunk, double& write_phase) {
    auto device = ready_device(preset);
    auto transport = EmulatedTransport::open(device);
    auto rec = DiscRecorder::attach(std::move(*transport));
    if (!rec) std::exit(1);
    DataWriter writer(**rec);
    RepeatingStream stream(bytes, source);
    const auto start = Clock::now();
    auto r = writer.write(stream);
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    if (!r) {
        fmt::print(stderr, "bench_burn: {}\n", r.error().to_string());
        std::exit(1);
    }
    write_phase = r->write_seconds;
    chunk = std::min<std::size_t>(*(*rec)->ex().get_maximum_page_aligned_transfer_size(), 0xFFFF * 2048);
    return s;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"bench_burn: DataWriter's burn rate against raw WRITE(10) through Drive::execute"};
    std::string preset = "blank bd-r";
    std::uint64_t mib = 1024;
    int rounds = 3;
    bool smoke = false;
    app.add_option("--media", preset, "media preset")->capture_default_str();
    app.add_option("--mib", mib, "image size in MiB")->capture_default_str();
    app.add_option("--rounds", rounds, "rounds, best of")->capture_default_str();
    app.add_flag("--smoke", smoke, "tiny sizes: a check that it runs");
    CLI11_PARSE(app, argc, argv);
    if (smoke) {
        mib = 8;
        rounds = 1;
    }
    const std::uint64_t bytes = mib * 1024 * 1024;
    std::vector<std::uint8_t> source(8 * 1024 * 1024);
    fill_pattern(source, 0, 42);

    std::size_t chunk = 0;
    double best_burn = 1e9, best_raw = 1e9, best_phase = 1e9;
    for (int i = 0; i < rounds; ++i) {
        // Alternating which goes first, so neither always meets the other's page-cache writeback.
        double phase = 0;
        if (i % 2 == 1) best_raw = std::min(best_raw, raw_seconds(preset, bytes, chunk, source));
        best_burn = std::min(best_burn, burn_seconds(preset, bytes, source, chunk, phase));
        best_phase = std::min(best_phase, phase);
        chunk -= chunk % (64 * 1024); // whole BD clusters, as the recorder sends them
        if (i % 2 == 0) best_raw = std::min(best_raw, raw_seconds(preset, bytes, chunk, source));
    }
    const double burn_rate = static_cast<double>(bytes) / 1e6 / best_burn;
    const double raw_rate = static_cast<double>(bytes) / 1e6 / best_raw;
    const double ratio = burn_rate / raw_rate;
    fmt::print("medium {}, {} MiB, WRITE(10) of {} KiB, best of {}\n", preset, mib, chunk / 1024, rounds);
    fmt::print("  raw WRITE(10) + SYNCHRONIZE CACHE through Drive::execute  {:8.1f} MB/s\n", raw_rate);
    fmt::print("  DataWriter writing phase only (WRITEs, before SYNC)       {:8.1f} MB/s\n",
               static_cast<double>(bytes) / 1e6 / best_phase);
    fmt::print("  DataWriter::write, the whole burn (probe .. CLOSE)         {:8.1f} MB/s\n", burn_rate);
    fmt::print("  ratio whole burn / raw                                    {:8.2f}  (target >= 0.80)\n", ratio);
    if (!smoke && ratio < 0.8) return 1;
    return 0;
}
