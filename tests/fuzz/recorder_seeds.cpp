// Writes seeds for the recorder harness: each operation of recorder_operations.hpp run against
// an emulated drive of each shipped profile (real drives' identities, features and pages) with
// a few discs, every answer recorded in the harness's input format.
//   fuzz_recorder_seeds PROFILES_DIR OUT_DIR
#include "bridge/emulated_device.hpp"
#include "bridge/emulated_transport.hpp"
#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "recorder_operations.hpp"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

namespace {

using namespace spindle;
using namespace spindle::recorder;

// Passes commands to the emulated drive and appends each answer to `seed`.
class RecordingTransport final : public ScsiTransport {
public:
    RecordingTransport(std::unique_ptr<ScsiTransport> inner, std::vector<std::uint8_t>& seed)
        : inner_(std::move(inner)), seed_(&seed) {}
    Result<ScsiResult> execute(const ScsiRequest& request) override {
        auto r = inner_->execute(request);
        if (!r) return r;
        std::uint8_t kind = 0;
        if (r->transport != TransportStatus::Ok)
            kind = 3 | 3 << 2;
        else if (r->status == 0x02)
            kind = 1;
        else if (r->status == 0x08)
            kind = 2;
        const std::size_t n = request.data_in.size() - std::min(r->residual, request.data_in.size());
        seed_->push_back(kind);
        seed_->push_back(static_cast<std::uint8_t>(n >> 8));
        seed_->push_back(static_cast<std::uint8_t>(n));
        seed_->insert(seed_->end(), request.data_in.begin(), request.data_in.begin() + static_cast<std::ptrdiff_t>(n));
        if (kind == 1) {
            seed_->push_back(static_cast<std::uint8_t>(r->sense.size()));
            seed_->insert(seed_->end(), r->sense.begin(), r->sense.end());
        }
        return r;
    }
    TransferLimits limits() const override { return inner_->limits(); }
    Result<void> set_exclusive(bool e, std::string_view n) override { return inner_->set_exclusive(e, n); }
    bool exclusive() const override { return inner_->exclusive(); }
    std::string exclusive_access_owner() override { return inner_->exclusive_access_owner(); }
    std::string device_name() const override { return inner_->device_name(); }
    void pause(std::chrono::milliseconds d) override { inner_->pause(d); }

private:
    std::unique_ptr<ScsiTransport> inner_;
    std::vector<std::uint8_t>* seed_;
};

struct Case {
    std::uint8_t op;
    std::uint8_t arg;
};

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s PROFILES_DIR OUT_DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path out_dir = argv[2];
    std::filesystem::create_directories(out_dir);
    const Case cases[] = {{0, 0},    {1, 1},     {1, 0x40}, {2, 0},    {3, 1},  {4, 0},  {5, 0x2D},
                          {5, 0x21}, {6, 0x2A},  {6, 0x05}, {6, 0x1A}, {7, 0},  {8, 0},  {9, 0},
                          {10, 0},   {11, 0},    {12, 0},   {13, 0},   {14, 0}, {15, 0}, {16, 0},
                          {17, 0},   {18, 0x11}, {19, 0},   {20, 0}};
    const char* media[] = {"blank dvd+r", "appendable cd-r used=300", "formatted bd-re capacity=8192", "none"};
    int written = 0;
    std::vector<std::filesystem::path> profiles;
    for (const auto& e : std::filesystem::directory_iterator(argv[1]))
        if (e.path().extension() == ".yaml") profiles.push_back(e.path());
    std::sort(profiles.begin(), profiles.end());
    for (const auto& path : profiles) {
        auto profile = load_profile_file(path);
        if (!profile) {
            std::fprintf(stderr, "%s\n", profile.error().to_string().c_str());
            return 1;
        }
        for (std::size_t m = 0; m < std::size(media); ++m) {
            for (const auto& c : cases) {
                auto device = std::make_shared<EmulatedDevice>(*profile, ClockKind::Virtual);
                if (std::string_view(media[m]) != "none") {
                    auto medium = make_medium(media[m]);
                    if (!medium) continue; // a kind this drive does not take
                    device->drive().load(std::move(*medium));
                }
                device->virtual_clock()->advance(std::chrono::seconds(30));
                auto inner = EmulatedTransport::open(device, "emu:");
                if (!inner) return 1;
                std::vector<std::uint8_t> seed{static_cast<std::uint8_t>(0x80 | c.op), c.arg};
                auto recording = std::make_unique<RecordingTransport>(std::move(*inner), seed);
                auto recorder = DiscRecorder::attach(std::move(recording));
                if (!recorder) continue;
                fuzz::run_operation(c.op, c.arg, **recorder);
                if (seed.size() > 64 * 1024) continue; // a burn: too big for a seed
                std::ofstream(out_dir / fmt::format("{}-{}-op{:02}-{:02x}", path.stem().string(), m, c.op, c.arg),
                              std::ios::binary)
                    .write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
                ++written;
            }
        }
    }
    std::printf("%d seeds\n", written);
    return 0;
}
