// DataWriter::write, step by step (the per-medium flows of libburn
// doc/cookbook.txt and libburn/write.c, and growisofs).
#include "recorder/burn_run.hpp"

#include "scsi/sense.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace spindle::recorder {
namespace {

constexpr std::size_t block = 2048;
constexpr std::uint32_t cd_min_track_blocks = 300; // libburn: a CD track needs at least 300 blocks
constexpr std::uint32_t heuristic_blank_blocks = 32;

bool sense_is(const Error& e, std::uint8_t asc) {
    auto s = scsi::SenseData::decode(e.sense());
    return s && s->asc() == asc;
}

// `e` with more said after its detail; its sense, CDB and errno kept.
Error with_more_detail(const Error& e, std::string_view more) {
    Error out(e.hresult(), e.detail().empty() ? std::string(more) : fmt::format("{}; {}", e.detail(), more));
    out.with_sense(e.sense()).with_cdb(e.cdb()).with_errno(e.sys_errno());
    return out;
}

} // namespace

BurnRun::BurnRun(DiscRecorderEx& ex, WriteSettings settings, BurnEvents events, std::optional<MediaProbe> medium,
                 ByteStream& stream)
    : ex_(ex), settings_(std::move(settings)), events_(std::move(events)), stream_(stream),
      given_probe_(std::move(medium)), stream_size_(stream.size()) {}

double BurnRun::seconds_since(std::chrono::steady_clock::time_point t) const {
    return std::chrono::duration<double>(events_.clock() - t).count();
}

void BurnRun::emit(WriteAction action, bool with_buffer) {
    const auto now = events_.clock();
    if (action != action_) {
        action_ = action;
        action_started_ = now;
        operation_fraction_.reset();
    }
    last_emit_ = now;
    if (!events_.on_progress) return;
    WriteProgress p;
    p.action = action;
    p.elapsed_seconds = seconds_since(started_);
    p.start_lba = start_lba_;
    p.sector_count = planned_blocks_ != 0 ? planned_blocks_ : next_lba_ - start_lba_;
    p.last_written_lba = next_lba_ > start_lba_ ? next_lba_ - 1 : start_lba_;
    p.total_system_buffer = static_cast<std::uint32_t>(buffer_.capacity());
    p.free_system_buffer = p.total_system_buffer;
    p.operation_fraction = operation_fraction_.value_or(-1);
    double fraction = operation_fraction_.value_or(0);
    if (action == WriteAction::WritingData) {
        p.sectors_done = next_lba_ - start_lba_;
        if (p.sector_count > 0) fraction = static_cast<double>(p.sectors_done) / p.sector_count;
    } else if (action == WriteAction::Verifying) {
        p.sectors_done = verified_blocks_;
        p.last_read_lba = start_lba_ + verified_blocks_;
        if (p.sector_count > 0) fraction = static_cast<double>(verified_blocks_) / p.sector_count;
    }
    const double in_action = seconds_since(action_started_);
    p.action_seconds = in_action;
    if (fraction > 0 && fraction < 1) p.remaining_seconds = in_action * (1 - fraction) / fraction;
    p.total_seconds = p.elapsed_seconds + p.remaining_seconds;
    if (with_buffer) read_buffer_capacity(p);
    events_.on_progress(p);
}

Result<WriteResult> BurnRun::run() {
    started_ = action_started_ = last_emit_ = events_.clock();
    emit(WriteAction::ValidatingMedia);
    if (auto r = validate(); !r) return std::unexpected(r.error());
    if (auto r = prepare(); !r) return std::unexpected(r.error());
    const auto write_started = events_.clock();
    auto written = write_data();
    if (!written) {
        const std::string left = leave_consistent();
        return std::unexpected(left.empty() ? written.error() : with_more_detail(written.error(), left));
    }
    write_seconds_ = seconds_since(write_started);
    if (auto r = finish(); !r) return std::unexpected(r.error());
    emit(WriteAction::Completed);
    WriteResult result;
    result.start_lba = start_lba_;
    result.sectors = next_lba_ - start_lba_;
    result.bytes = stream_bytes_;
    result.simulated = settings_.test_write;
    result.write_seconds = write_seconds_;
    if (settings_.verify && !settings_.test_write) {
        result.checksum = hash_.digest();
        if (auto r = verify(); !r) return std::unexpected(r.error());
        result.verified = true;
        emit(WriteAction::Completed);
    }
    result.total_seconds = seconds_since(started_);
    return result;
}

Result<void> BurnRun::validate() {
    if (given_probe_) {
        probe_ = *given_probe_;
    } else {
        auto p = probe_media(ex_);
        if (!p) return std::unexpected(p.error());
        probe_ = *p;
    }
    const std::string medium(profile_name(probe_.profile));
    if (probe_.medium == MediumClass::Unsupported)
        return fail(hr::df2data_media_is_not_supported, fmt::format("{} cannot be written", medium));
    if (settings_.test_write && !probe_.supports_test_write())
        return fail(hr::df2data_media_is_not_supported,
                    fmt::format("test write needs CD-R/RW or DVD-R/RW (page 05h); this is {}", medium));
    const bool sequential = probe_.medium != MediumClass::RandomAccess;
    if (sequential && probe_.disc_status == 2) {
        if (!probe_.rewritable)
            return fail(hr::df2data_invalid_media_state, fmt::format("the {} is finalized", medium));
        if (!settings_.force_overwrite)
            return fail(hr::df2data_media_not_blank,
                        fmt::format("the {} holds a finalized disc; ForceOverwrite erases it", medium));
        blank_first_ = true;
    } else if (sequential && probe_.disc_status == 1 && probe_.rewritable && settings_.force_overwrite) {
        blank_first_ = true; // overwrite instead of appending
    } else if (!sequential && probe_.formatted && !settings_.force_overwrite) {
        auto zeros = reads_as_zeros(ex_, std::min(heuristic_blank_blocks, probe_.total_blocks));
        if (!zeros) return std::unexpected(zeros.error());
        if (!*zeros)
            return fail(hr::df2data_media_not_blank,
                        fmt::format("the {} holds data; ForceOverwrite writes over it", medium));
    }
    if (sequential && !blank_first_ && probe_.disc_status != 0 && !probe_.next_writable)
        return fail(hr::df2data_invalid_media_state, "the drive reports no next writable address");
    if (blank_first_) {
        auto cap = formattable_blocks();
        if (!cap) return std::unexpected(cap.error());
        limit_blocks_ = *cap;
        start_lba_ = 0;
    } else {
        start_lba_ = probe_.next_writable.value_or(0);
        limit_blocks_ = start_lba_ + probe_.free_blocks;
    }
    const bool dvd_minus = probe_.medium == MediumClass::DvdMinus;
    // A quick-blanked DVD-RW takes DAO only.
    dao_ = dvd_minus && (settings_.dvd_minus_method == DvdMinusMethod::DiscAtOnce ||
                         (blank_first_ && probe_.profile == scsi::mmc_profile::dvd_minus_rw_sequential));
    if (dao_ && !stream_size_)
        return fail(hr::df2data_stream_not_supported, "disc-at-once needs the image size up front (not a pipe)");
    if (dao_ && probe_.disc_status != 0 && !blank_first_)
        return fail(hr::df2data_invalid_media_state, "disc-at-once writes a blank disc only");
    if (stream_size_) {
        std::uint64_t blocks = (*stream_size_ + block - 1) / block;
        if (probe_.medium == MediumClass::Cd) blocks = std::max<std::uint64_t>(blocks, cd_min_track_blocks);
        blocks = (blocks + probe_.unit_blocks - 1) / probe_.unit_blocks * probe_.unit_blocks;
        if (std::uint64_t{start_lba_} + blocks > limit_blocks_)
            return fail(hr::df2data_stream_too_large_for_current_media,
                        fmt::format("{} sectors do not fit the {} free", blocks, limit_blocks_ - start_lba_));
        planned_blocks_ = static_cast<std::uint32_t>(blocks);
        if (planned_blocks_ == 0) return fail(hr::df2data_stream_not_supported, "the stream is empty");
    }
    if (!stream_size_) {
        // A pipe is looked into before the drive is touched: an empty one is refused as an
        // empty file is, before a blank, a format or a calibration.
        lookahead_.resize(block);
        auto got = stream_.read(lookahead_);
        if (!got) return std::unexpected(got.error());
        lookahead_.resize(*got);
        if (*got == 0) return fail(hr::df2data_stream_not_supported, "the stream is empty");
    }
    next_lba_ = start_lba_;
    return {};
}

Result<std::size_t> BurnRun::read_stream(std::span<std::uint8_t> out) {
    const std::size_t held = std::min(out.size(), lookahead_.size() - lookahead_used_);
    if (held > 0) std::memcpy(out.data(), lookahead_.data() + lookahead_used_, held);
    lookahead_used_ += held;
    if (held == out.size()) return held;
    // A short look-ahead was the whole stream: the read below finds its end.
    auto got = stream_.read(out.subspan(held));
    if (!got) return std::unexpected(got.error());
    return held + *got;
}

Result<void> BurnRun::prepare() {
    if (blank_first_) {
        emit(WriteAction::FormattingMedia);
        if (auto r = blank_minimal(); !r) return r;
    }
    const bool needs_format =
        probe_.medium == MediumClass::RandomAccess &&
        (!probe_.formatted || (probe_.profile == scsi::mmc_profile::dvd_plus_rw && probe_.background_format == 1));
    if (needs_format) {
        emit(WriteAction::FormattingMedia);
        if (auto r = format_for_writing(); !r) return r;
    }
    if (blank_first_ || needs_format) {
        auto p = probe_media(ex_);
        if (!p) return std::unexpected(p.error());
        probe_ = *p;
    }
    emit(WriteAction::InitializingHardware);
    if (settings_.requested_speed != -1)
        if (auto r = set_write_speed(); !r) return r;
    if (probe_.medium == MediumClass::Cd || probe_.medium == MediumClass::DvdMinus)
        if (auto r = set_write_parameters(dao_); !r) return r;
    if (probe_.medium != MediumClass::RandomAccess && !settings_.test_write) {
        emit(WriteAction::CalibratingPower);
        calibrate_power();
    }
    if (dao_)
        if (auto r = reserve_track(planned_blocks_); !r) return r;
    if (probe_.medium != MediumClass::RandomAccess) {
        start_lba_ = next_lba_ = dao_ ? 0 : probe_.next_writable.value_or(start_lba_);
        limit_blocks_ = start_lba_ + probe_.free_blocks;
    }
    // Buffers the kernel maps without a copy, as large as one command may be, in whole write
    // units (32 KiB on DVD, 64 KiB on BD).
    auto max = ex_.get_maximum_page_aligned_transfer_size();
    if (!max) return std::unexpected(max.error());
    std::uint32_t blocks = std::min<std::uint32_t>(static_cast<std::uint32_t>(*max / block), 0xFFFF);
    blocks -= blocks % probe_.unit_blocks;
    if (blocks == 0) return fail(hr::e_fail, "the transfer limit is below one write unit");
    auto buf = PageBuffer::allocate(std::size_t{blocks} * block);
    if (!buf) return std::unexpected(buf.error());
    buffer_ = std::move(*buf);
    return {};
}

Result<void> BurnRun::write_chunk(std::span<const std::uint8_t> data) {
    const std::uint32_t blocks = static_cast<std::uint32_t>(data.size() / block);
    if (std::uint64_t{next_lba_} + blocks > limit_blocks_)
        return fail(hr::df2data_stream_too_large_for_current_media,
                    fmt::format("the stream does not fit the {} free sectors (LBA {}-{})", limit_blocks_ - start_lba_,
                                start_lba_, limit_blocks_ - 1));
    auto r = ex_.write_blocks(next_lba_, data, probe_.unit_blocks);
    // A quick-blanked DVD-RW refuses incremental writing with 5/64/00 (libburn's "feature 21h
    // failure"): written disc-at-once instead, as libburn advises, when nothing is on it yet.
    if (!r && !data_written_ && probe_.profile == scsi::mmc_profile::dvd_minus_rw_sequential && !dao_ && stream_size_ &&
        sense_is(r.error(), scsi::asc::illegal_mode_for_this_track.asc)) {
        dao_ = true;
        if (auto p = set_write_parameters(true); !p) return p;
        if (auto p = reserve_track(planned_blocks_); !p) return p;
        r = ex_.write_blocks(next_lba_, data, probe_.unit_blocks);
    }
    if (!r) return r;
    data_written_ = true;
    if (settings_.verify) hash_.update(data); // only a verify needs it
    next_lba_ += blocks;
    return {};
}

Result<void> BurnRun::write_data() {
    emit(WriteAction::WritingData, true);
    const std::uint32_t min_blocks = probe_.medium == MediumClass::Cd ? cd_min_track_blocks : 1;
    const std::size_t unit_bytes = std::size_t{probe_.unit_blocks} * block;
    for (bool end = false; !end;) {
        if (cancelled()) return fail(hr::e_request_cancelled, "CancelWrite");
        auto got = read_stream(buffer_.span());
        if (!got) return std::unexpected(got.error());
        if (cancelled()) return fail(hr::e_request_cancelled, "CancelWrite"); // while the stream was read
        stream_bytes_ += *got;
        std::size_t bytes = *got;
        end = bytes < buffer_.size();
        if (end) {
            // The last piece: zeros to whole blocks, whole write units and the CD minimum.
            const std::uint32_t written = next_lba_ - start_lba_;
            std::size_t want = (bytes + unit_bytes - 1) / unit_bytes * unit_bytes;
            if (written + want / block < min_blocks)
                want = std::min(buffer_.size(), std::size_t{min_blocks - written} * block);
            std::memset(buffer_.data() + bytes, 0, want - bytes);
            bytes = want;
            if (written + bytes / block < min_blocks) end = false; // more zeros to come
        }
        if (bytes == 0) break;
        if (auto r = write_chunk(buffer_.span().first(bytes)); !r) return r;
        if (events_.clock() - last_emit_ >= settings_.progress_interval) emit(WriteAction::WritingData, true);
    }
    if (next_lba_ == start_lba_) return fail(hr::df2data_stream_not_supported, "the stream is empty");
    planned_blocks_ = next_lba_ - start_lba_;
    emit(WriteAction::WritingData, true);
    return {};
}

Result<void> BurnRun::verify() {
    emit(WriteAction::Verifying);
    BlockHash readback;
    const std::uint32_t total = next_lba_ - start_lba_;
    const auto chunk_blocks = static_cast<std::uint32_t>(buffer_.size() / block);
    for (verified_blocks_ = 0; verified_blocks_ < total;) {
        if (cancelled()) return fail(hr::e_request_cancelled, "CancelWrite during verification");
        const std::uint32_t n = std::min(chunk_blocks, total - verified_blocks_);
        const auto span = buffer_.span().first(std::size_t{n} * block);
        if (auto r = ex_.read_blocks(start_lba_ + verified_blocks_, span); !r)
            return verify_read_failed(r.error(), start_lba_ + verified_blocks_, n);
        readback.update(span);
        verified_blocks_ += n;
        if (events_.clock() - last_emit_ >= settings_.progress_interval) emit(WriteAction::Verifying);
    }
    emit(WriteAction::Verifying);
    if (readback.digest() != hash_.digest())
        return fail(hr::e_burn_verification_failed,
                    fmt::format("written {:016x}, read back {:016x}", hash_.digest(), readback.digest()));
    return {};
}

// The write had succeeded; the read-back did not: E_IMAPI_BURN_VERIFICATION_FAILED, saying so and
// naming the block the drive could not read (its sense's INFORMATION field when valid, else the
// blocks the failed READ covered), the drive's own error kept in the detail and its sense.
Result<void> BurnRun::verify_read_failed(const Error& e, std::uint32_t lba, std::uint32_t blocks) const {
    const auto sense = scsi::SenseData::decode(e.sense());
    const auto bad = sense ? sense->information() : std::nullopt;
    const std::string where = bad && *bad >= lba && *bad < std::uint64_t{lba} + blocks
                                  ? fmt::format("LBA {}", *bad)
                                  : fmt::format("LBA {}-{}", lba, lba + blocks - 1);
    Error out(hr::e_burn_verification_failed,
              fmt::format("the write succeeded ({} sectors at LBA {}-{}); verification failed: {} could not be read "
                          "({}{}{})",
                          next_lba_ - start_lba_, start_lba_, next_lba_ - 1, where, e.name(),
                          e.detail().empty() ? "" : ": ", e.detail()));
    out.with_sense(e.sense()).with_cdb(e.cdb()).with_errno(e.sys_errno());
    return std::unexpected(out);
}

} // namespace spindle::recorder
