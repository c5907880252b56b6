// bench_drive [--smoke] [--dir DIR] [--mib N] [--memory-mib N] [--tur N] [--rounds N]
// Figures: build in Release (cmake -DCMAKE_BUILD_TYPE=Release) and run without --smoke.
#include "bench.hpp"

#include "emulator/profile/profile_loader.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace spindle::bench {

ReadyDrive::ReadyDrive(std::unique_ptr<Medium> medium) : drive(default_profile(), clock) {
    drive.load(std::move(medium));
    clock.advance(std::chrono::seconds(10));
    const std::uint8_t tur[6] = {};
    for (int i = 0; i < 10 && !run(tur).good(); ++i) {
    }
    if (!run(tur).good()) fail("the drive did not become ready");
}

void fail(const std::string& what) {
    std::fprintf(stderr, "bench_drive: %s\n", what.c_str());
    std::exit(1);
}

std::unique_ptr<Medium> medium_or_exit(const std::string& preset) {
    auto m = make_medium(preset);
    if (!m) fail(m.error());
    return std::move(*m);
}

} // namespace spindle::bench

namespace {

std::uint64_t number(std::string_view flag, const char* value) {
    if (value == nullptr) spindle::bench::fail(std::string(flag) + " needs a number");
    char* end = nullptr;
    const auto n = std::strtoull(value, &end, 10);
    if (end == value || *end != '\0' || n == 0)
        spindle::bench::fail(std::string(flag) + ": expected a positive number");
    return n;
}

} // namespace

int main(int argc, char** argv) {
    using namespace spindle::bench;
    Options o;
    o.dir = std::filesystem::temp_directory_path();
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--smoke") {
            o.smoke = true;
            o.transfer_mib = o.region_mib = 2;
            o.tur_commands = 1000;
            o.memory_mib = 4;
            o.rounds = 1;
        } else if (a == "--dir" && next) {
            o.dir = argv[++i];
        } else if (a == "--mib") {
            o.transfer_mib = number(a, next), ++i;
        } else if (a == "--memory-mib") {
            o.memory_mib = number(a, next), ++i;
        } else if (a == "--tur") {
            o.tur_commands = number(a, next), ++i;
        } else if (a == "--rounds") {
            o.rounds = static_cast<int>(number(a, next)), ++i;
        } else {
            fail("usage: bench_drive [--smoke] [--dir DIR] [--mib N] [--memory-mib N] [--tur N] [--rounds N]");
        }
    }
    o.region_mib = std::min(o.region_mib, o.transfer_mib);
    std::printf("bench_drive: %s run in %s\n", o.smoke ? "smoke" : "full", o.dir.c_str());
    bool met = bench_read(o);
    met = bench_write(o) && met;
    met = bench_test_unit_ready(o) && met;
    met = bench_read_cd(o) && met;
    met = bench_cd_text(o) && met;
    met = bench_images(o) && met;
    met = bench_memory(o) && met;
    if (o.smoke)
        std::printf("smoke run: every measurement ran (figures from tiny counts mean nothing)\n");
    else
        std::printf("%s\n", met ? "all targets met" : "some targets missed");
    // A smoke run checks that everything runs; timings on a shared CI machine prove nothing.
    return 0;
}
