#pragma once
// A drive burning a disc kept in a MemoryStorage (power_loss/memory_storage.hpp), with the
// account of what it owes after a power cut, as tests/crash/crash_model.hpp keeps it for a
// kill: every block it acknowledged and then flushed (GOOD to SYNCHRONIZE CACHE or to a CLOSE,
// which flushes first) with the contents of that write or of a later one sent to it; the
// closed tracks, complete sessions and format of its last GOOD to a command that changes the
// layout (saved before the answer), and a layout no older than that one. BLANK and FORMAT
// UNIT release what they destroy from the moment they are sent. When the medium is gone
// (the power), every call does nothing.
#include "power_loss/memory_storage.hpp"
#include "support/test_drive.hpp"

#include "crash/crash_model.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace spindle::test {

inline const std::filesystem::path power_loss_image = "/discs/disc.img";

struct Owed {
    std::map<std::uint32_t, std::set<std::uint64_t>> blocks, audio; // LBA -> the stamps it may hold
    crash::Floors floors;
    std::size_t layout_floor = 0; // the first of Burner::layouts the disc may show
};

// Answers the test counts against the storage's injected fault.
struct FaultFigures {
    unsigned good_over_fault = 0; // GOOD from the command whose call failed
    unsigned good_after_loss = 0; // GOOD to a command that writes the medium, after a loss
    bool lost = false;            // a sync, rename or metadata write failed
};

class Burner {
public:
    // A drive with the disc kept at power_loss_image in `storage`, ready.
    explicit Burner(MemoryStorage& storage);
    Burner(const Burner&) = delete;
    Burner& operator=(const Burner&) = delete;
    ~Burner();

    bool alive() const { return !storage_.dead(); }
    const Disc& disc() const { return t_->drive.state().medium->disc; }

    // WRITE(10) of `count` stamped blocks at the next writable address (sequential media) or at
    // `lba` (random access); audio: 2352-byte blocks at the next writable address.
    void write(std::uint32_t count);
    void write_at(std::uint32_t lba, std::uint32_t count);
    void write_audio(std::uint32_t count);
    void sync();
    void close(std::uint8_t function, std::uint16_t track = 0);
    void close_open_track(); // CLOSE TRACK of the track being written
    void reserve(std::uint32_t blocks);
    void blank(std::uint8_t type);
    // FORMAT UNIT with the descriptor of `type` READ FORMAT CAPACITIES offers (libburn's way).
    void format(std::uint8_t type, std::uint8_t subtype = 0);
    // Page 05h: Track At Once (CD; audio or Mode 1 data) or incremental (DVD-R), next session allowed.
    void track_at_once(bool audio);
    void incremental();

    Owed owed;
    std::vector<Disc> layouts; // every layout the disc had, in order
    FaultFigures faults;
    std::vector<std::string> refusals; // commands not answered GOOD: "CDB opcode: sense"

private:
    using Stamps = std::map<std::uint32_t, std::set<std::uint64_t>>;
    // Setup: nothing on the medium changes (MODE SELECT, READ FORMAT CAPACITIES); Write: a
    // WRITE; Flush: SYNCHRONIZE CACHE and CLOSE; Change: any other command that changes it.
    enum class Kind { Setup, Write, Flush, Change };
    // The answer, or nothing when the power went while the command ran (never acknowledged).
    std::optional<Result> run(Kind kind, std::vector<std::uint8_t> cdb, std::vector<std::uint8_t> out = {},
                              std::size_t in = 0);
    void send_write(bool audio, std::uint32_t lba, std::uint32_t count);
    void acknowledged(Kind kind);
    void forget_data();
    std::uint32_t next_writable() const;
    void set_page5(std::uint8_t write_type, std::optional<std::uint8_t> track_mode,
                   std::optional<std::uint8_t> block_type);

    MemoryStorage& storage_;
    std::unique_ptr<TestDrive> t_;
    Stamps acked_, acked_audio_; // GOOD, not yet flushed: the stamps each block may hold
    std::uint64_t stamps_ = 0;
};

// After the power came back: the disc kept in `storage` loads, a drive becomes ready on it,
// its layout is plausible (tests/crash/disc_plausibility.hpp) and one `layouts` allows, and
// all of `owed` is there. What is wrong, one line each; `lost_blocks` counts owed blocks that
// do not read back.
std::vector<std::string> check_after_power_on(MemoryStorage& storage, const Owed& owed,
                                              const std::vector<Disc>& layouts, unsigned& lost_blocks);

} // namespace spindle::test
