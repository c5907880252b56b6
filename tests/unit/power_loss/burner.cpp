#include "power_loss/burner.hpp"

#include "crash/crash_protocol.hpp"
#include "emulator/media/medium_files.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <fmt/format.h>

#include <chrono>

namespace spindle::test {

namespace {

// Until TEST UNIT READY is GOOD (a long operation over, the power-on attention taken).
bool settle(TestDrive& t) {
    for (int i = 0; i < 1000; ++i) {
        if (t.run(scsi::cdb::test_unit_ready()).good()) return true;
        t.clock.advance(std::chrono::seconds(1));
    }
    return false;
}

} // namespace

Burner::Burner(MemoryStorage& storage) : storage_(storage) {
    auto m = open_medium(power_loss_image, storage);
    REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error()));
    layouts.push_back((*m)->disc);
    (*m)->on_layout_changed = [this](const Medium& changed) { layouts.push_back(changed.disc); };
    t_ = std::make_unique<TestDrive>();
    t_->drive.load(std::move(*m));
    REQUIRE(settle(*t_));
}

Burner::~Burner() { t_.reset(); } // the medium's callback points here

std::optional<Result> Burner::run(Kind kind, std::vector<std::uint8_t> cdb, std::vector<std::uint8_t> out,
                                  std::size_t in) {
    if (!alive()) return std::nullopt;
    const bool fired_before = storage_.fault_fired().has_value();
    const std::uint8_t cmd_opcode = cdb[0];
    Result r = t_->run(std::move(cdb), in, std::move(out));
    if (r.completion.busy_until > t_->clock.now()) t_->clock.set(r.completion.busy_until);
    settle(*t_);
    if (!alive()) return std::nullopt;
    layouts.push_back(disc());
    if (!r.good()) refusals.push_back(fmt::format("{:02X}h: {}", cmd_opcode, r.sense()));
    if (kind == Kind::Setup) return r;
    if (!fired_before && storage_.fault_fired()) {
        // The failed call: a sync, a rename or a metadata write loses what the disc was owed
        // (a data write only fails its WRITE).
        const auto& path = *storage_.fault_fired();
        const bool data = path == power_loss_image.string() || path == power_loss_image.string() + ".cdda";
        faults.lost = faults.lost || storage_.fault()->call != MemoryStorage::Call::Write || !data;
        if (r.good()) ++faults.good_over_fault;
    } else if (faults.lost && r.good()) {
        ++faults.good_after_loss;
    }
    return r;
}

void Burner::acknowledged(Kind kind) {
    if (kind == Kind::Flush) { // the buffer reached the disc
        for (auto& [lba, stamps] : acked_) owed.blocks[lba] = stamps;
        for (auto& [lba, stamps] : acked_audio_) owed.audio[lba] = stamps;
        acked_.clear();
        acked_audio_.clear();
    }
    const Disc& d = disc();
    crash::Floors now;
    for (const auto& t : d.tracks) now.closed_tracks += t.closed && !d.random_access() ? 1u : 0u;
    now.complete_sessions = d.random_access() ? 0 : d.complete_session_count();
    now.formatted = d.formatted;
    owed.floors = now;
    owed.layout_floor = layouts.size() - 1;
}

void Burner::forget_data() {
    owed.blocks.clear();
    owed.audio.clear();
    acked_.clear();
    acked_audio_.clear();
    owed.floors = {};
}

std::uint32_t Burner::next_writable() const {
    for (const auto& t : disc().tracks)
        if (t.writable()) return t.next_writable();
    return 0xFFFFFFFF;
}

void Burner::send_write(bool audio, std::uint32_t lba, std::uint32_t count) {
    if (!alive() || lba == 0xFFFFFFFF) return;
    const std::uint64_t stamp = ++stamps_;
    const std::size_t size = audio ? BlockStore::audio_block_size : BlockStore::block_size;
    std::vector<std::uint8_t> data(count * size);
    for (std::uint32_t i = 0; i < count; ++i)
        crash::fill_block(std::span(data).subspan(i * size, size), lba + i, stamp);
    auto& durable = audio ? owed.audio : owed.blocks;
    auto& acked = audio ? acked_audio_ : acked_;
    for (std::uint32_t i = 0; i < count; ++i) { // from now on the block may hold this write
        if (auto it = durable.find(lba + i); it != durable.end()) it->second.insert(stamp);
        if (auto it = acked.find(lba + i); it != acked.end()) it->second.insert(stamp);
    }
    const auto r =
        run(Kind::Write, as_vector(scsi::cdb::write10(lba, static_cast<std::uint16_t>(count))), std::move(data));
    if (r && r->good())
        for (std::uint32_t i = 0; i < count; ++i) acked[lba + i] = {stamp};
}

void Burner::write(std::uint32_t count) { send_write(false, next_writable(), count); }
void Burner::write_at(std::uint32_t lba, std::uint32_t count) { send_write(false, lba, count); }
void Burner::write_audio(std::uint32_t count) { send_write(true, next_writable(), count); }

void Burner::sync() {
    if (auto r = run(Kind::Flush, as_vector(scsi::cdb::synchronize_cache())); r && r->good()) acknowledged(Kind::Flush);
}

void Burner::close(std::uint8_t function, std::uint16_t track) {
    if (auto r = run(Kind::Flush, as_vector(scsi::cdb::close_track_session(function, track))); r && r->good())
        acknowledged(Kind::Flush);
}

void Burner::close_open_track() {
    if (!alive()) return;
    for (const auto& t : disc().tracks)
        if (!t.closed && (!t.blank() || t.reserved)) return close(1, t.number);
}

void Burner::reserve(std::uint32_t blocks) {
    if (auto r = run(Kind::Change, as_vector(scsi::cdb::reserve_track(blocks))); r && r->good())
        acknowledged(Kind::Change);
}

void Burner::blank(std::uint8_t type) {
    if (!alive()) return;
    forget_data();
    if (auto r = run(Kind::Change, as_vector(scsi::cdb::blank(type))); r && r->good()) acknowledged(Kind::Change);
}

void Burner::format(std::uint8_t type, std::uint8_t subtype) {
    const auto rfc = run(Kind::Setup, as_vector(scsi::cdb::read_format_capacities(0xFFC)), {}, 0xFFC);
    if (!rfc || !rfc->good() || rfc->data.size() < 4) return;
    const std::size_t end = std::min<std::size_t>(rfc->data.size(), 4u + rfc->data[3]);
    for (std::size_t at = 12; at + 8 <= end; at += 8) { // MMC-6 table 475: the formattable descriptors
        if ((rfc->data[at + 4] >> 2) != type) continue;
        std::vector<std::uint8_t> list{0, 0, 0, 8};
        list.insert(list.end(), rfc->data.begin() + static_cast<std::ptrdiff_t>(at),
                    rfc->data.begin() + static_cast<std::ptrdiff_t>(at + 8));
        list[8] = static_cast<std::uint8_t>((type << 2) | subtype);
        if (type == 0x26) list[9] = list[10] = list[11] = 0; // DVD+RW: a fresh format, not a restart
        forget_data();
        if (auto r = run(Kind::Change, as_vector(scsi::cdb::format_unit()), std::move(list)); r && r->good())
            acknowledged(Kind::Change);
        return;
    }
    FAIL("no format descriptor of type " << int{type});
}

void Burner::set_page5(std::uint8_t write_type, std::optional<std::uint8_t> track_mode,
                       std::optional<std::uint8_t> block_type) {
    const auto sensed = run(
        Kind::Setup, as_vector(scsi::cdb::mode_sense10(0x05, scsi::cdb::PageControl::Current, 255, false)), {}, 255);
    if (!sensed) return;
    REQUIRE(sensed->good());
    std::vector<std::uint8_t> list(8, 0);
    list.insert(list.end(), sensed->data.begin() + 8, sensed->data.end());
    const std::span p = std::span(list).subspan(8); // MMC-6 table 649
    p[0] &= 0x3F;
    p[2] = static_cast<std::uint8_t>((p[2] & 0xE0) | write_type);
    p[3] = static_cast<std::uint8_t>((3 << 6) | (track_mode ? *track_mode : p[3] & 0x0F)); // next session allowed
    if (block_type) p[4] = *block_type;
    const auto r = run(Kind::Setup, as_vector(scsi::cdb::mode_select10(static_cast<std::uint16_t>(list.size()))), list);
    if (r) REQUIRE(r->good());
}

void Burner::track_at_once(bool audio) {
    set_page5(1, audio ? 0x0 : 0x4, audio ? 0x00 : 0x08); // audio: raw 2352 bytes; data: Mode 1
}
void Burner::incremental() { set_page5(0, std::nullopt, std::nullopt); }

} // namespace spindle::test
