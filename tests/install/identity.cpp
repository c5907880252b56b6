// A downstream program: opens a drive with the installed recorder (an emulated one through the
// bridge by default) and prints its identity. Built twice by install_test.sh: through find_package and pkg-config.
#include "bridge/emu_name.hpp"
#include "recorder/disc_recorder.hpp"

#include <cstdio>

int main(int argc, char** argv) {
    spindle::recorder::register_emulator_scheme();
    spindle::recorder::OpenOptions options;
    options.clock = spindle::recorder::ClockKind::Virtual; // an emu: drive is ready at once
    auto recorder = spindle::recorder::DiscRecorder::open(argc > 1 ? argv[1] : "emu:", options);
    if (!recorder) {
        std::fprintf(stderr, "identity: %s\n", recorder.error().to_string().c_str());
        return 1;
    }
    std::printf("%s|%s|%s\n", (*recorder)->vendor_id().c_str(), (*recorder)->product_id().c_str(),
                (*recorder)->product_revision().c_str());
    return 0;
}
