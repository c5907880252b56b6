// IDiscFormat2Data: properties, Write and CancelWrite.
#include "recorder/data_writer.hpp"

#include "recorder/burn_run.hpp"

#include "scsi/cdb.hpp"

namespace spindle::recorder {

Result<MediaProbe> DataWriter::probe() {
    auto p = probe_media(recorder_->ex());
    if (!p) {
        held_.reset();
        return std::unexpected(p.error());
    }
    held_ = HeldProbe{*p, recorder_->ex().commands_sent()};
    return p;
}

std::optional<MediaProbe> DataWriter::current_probe() const {
    if (!held_ || held_->commands_sent != recorder_->ex().commands_sent()) return std::nullopt;
    return held_->probe;
}

Result<MediaProbe> DataWriter::probe_unless_current() {
    if (auto p = current_probe()) return *p;
    return probe();
}

bool DataWriter::medium_unchanged() {
    // TEST UNIT READY as it is, without the command path's retries: a unit attention (a disc
    // changed by hand, a reset), a drive not ready or no answer at all is not GOOD.
    auto r = recorder_->ex().send_command_no_data(scsi::cdb::test_unit_ready(), 30);
    return r && r->hr == hr::s_ok && r->status == 0x00;
}

void DataWriter::keep_probe_current() {
    if (held_) held_->commands_sent = recorder_->ex().commands_sent();
}

Result<std::uint32_t> DataWriter::current_media_status() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->media_state;
}

Result<std::uint16_t> DataWriter::current_physical_media_type() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->profile;
}

Result<bool> DataWriter::is_current_media_supported() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->medium != MediumClass::Unsupported;
}

Result<bool> DataWriter::media_heuristically_blank() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    if (p->medium == MediumClass::Unsupported) return false;
    if (p->medium != MediumClass::RandomAccess || !p->formatted) return (p->media_state & media_state::blank) != 0;
    auto zeros = reads_as_zeros(recorder_->ex(), std::min<std::uint32_t>(32, p->total_blocks));
    if (zeros) keep_probe_current(); // reading changes nothing
    return zeros;
}

Result<std::uint32_t> DataWriter::total_sectors_on_media() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->total_blocks;
}

Result<std::uint32_t> DataWriter::free_sectors_on_media() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->free_blocks;
}

Result<std::int32_t> DataWriter::next_writable_address() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->next_writable ? static_cast<std::int32_t>(*p->next_writable) : -1;
}

Result<std::int32_t> DataWriter::start_address_of_previous_session() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->previous_session_start ? static_cast<std::int32_t>(*p->previous_session_start) : -1;
}

Result<std::int32_t> DataWriter::last_written_address_of_previous_session() {
    auto p = probe();
    if (!p) return std::unexpected(p.error());
    return p->previous_session_last ? static_cast<std::int32_t>(*p->previous_session_last) : -1;
}

Result<WriteResult> DataWriter::write(ByteStream& stream) {
    if (in_progress_.exchange(true)) return fail(hr::df2data_write_in_progress);
    cancel_ = false;
    // The held probe serves the burn while the drive, asked once, reports nothing new.
    auto medium = current_probe();
    if (medium && !medium_unchanged()) medium.reset();
    BurnRun run(recorder_->ex(), settings_, BurnEvents{on_progress_, clock_, &cancel_}, std::move(medium), stream);
    auto result = run.run();
    held_.reset(); // whatever the burn did, the medium is not the one probed
    in_progress_ = false;
    cancel_ = false;
    return result;
}

HResult DataWriter::cancel_write() {
    if (!in_progress_.load()) return hr::df2data_write_not_in_progress;
    cancel_ = true;
    return hr::s_ok;
}

} // namespace spindle::recorder
