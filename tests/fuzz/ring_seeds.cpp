// Writes seeds for the TCMU ring harness: rings as the kernel lays them out (RingBuilder of the
// unit tests), small enough for a fuzzer to mutate.
//   fuzz_ring_seeds OUT_DIR
#include "tcmu_ring/ring_builder.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

void save(const std::filesystem::path& dir, const std::string& name, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(dir / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    using spindle::test::RingBuilder;
    { // INQUIRY with a 36-byte data-in buffer
        RingBuilder r(256, 256);
        r.command(1, {0x12, 0, 0, 0, 36, 0}, {{r.data_start(), 36}});
        save(dir, "inquiry", r.bytes());
    }
    { // WRITE(10) of one block in two buffers, then TEST UNIT READY without data
        RingBuilder r(512, 4096);
        r.command(7, {0x2A, 0, 0, 0, 0, 0x10, 0, 0, 1, 0}, {{r.data_start(), 1024}, {r.data_start() + 1024, 1024}});
        r.command(8, {0x00, 0, 0, 0, 0, 0}, {});
        save(dir, "write-then-tur", r.bytes());
    }
    { // a PAD to the ring's end, then a command at its start (the wrap)
        RingBuilder r(256, 256);
        r.set_head(192);
        r.set_tail(192);
        r.pad_to_end();
        r.command(3, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {{r.data_start(), 8}});
        save(dir, "pad-wrap", r.bytes());
    }
    { // a task management entry aborting two commands, then a 16-byte CDB
        RingBuilder r(256, 256);
        r.tmr(1, {4, 5});
        r.command(6, {0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, {{r.data_start(), 128}});
        save(dir, "tmr-then-read16", r.bytes());
    }
    { // a variable-length CDB (7Fh)
        RingBuilder r(256, 64);
        r.command(9, {0x7F, 0, 0, 0, 0, 0, 0, 0x08, 1, 2, 3, 4, 5, 6, 7, 8}, {});
        save(dir, "variable-cdb", r.bytes());
    }
    std::printf("5 seeds\n");
    return 0;
}
