#include "emulator/drive/commands/lead_in.hpp"

#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/commands/write_target.hpp"

namespace spindle::handlers {

namespace {

constexpr std::int64_t pregap_start = -150;

} // namespace

bool lead_in_write(const DriveState& s, std::uint32_t lba) {
    if (!s.cue_pregap || s.cue_pregap->of != s.medium.get() || !s.cue_pregap->lead_in_text) return false;
    const std::int64_t at = static_cast<std::int32_t>(lba);
    return at < pregap_start && at >= s.medium->disc.atip_lead_in_start;
}

Completion write_lead_in(DriveState& s, const Command& cmd, std::uint32_t lba, std::uint32_t count) {
    const std::int64_t at = static_cast<std::int32_t>(lba);
    if (at + count > pregap_start) // the lead-in ends before the pregap, which comes in a WRITE of its own
        return reply_check(scsi::sense::illegal_request(scsi::asc::invalid_address_for_write).with_information(lba));
    cd::TextCollector& text = *s.cue_pregap->lead_in_text;
    bool changed = false;
    const std::size_t blocks = std::min<std::size_t>(count, cmd.data_out.size() / cd::rw_block_bytes);
    for (std::size_t b = 0; b < blocks; ++b) {
        const auto rw = cmd.data_out.subspan(b * cd::rw_block_bytes).first<cd::rw_block_bytes>();
        for (const auto& pack : cd::packs_of_rw_block(rw)) changed = text.add(pack) || changed;
    }
    if (!changed) return reply_good();
    // The first session's lead-in holds the disc's CD-Text (wodim: "CD-Text must be in first
    // session"); a later session's is written and not kept.
    auto target = write_target(s);
    if (target.disc.session_count() > 1) return reply_good();
    target.writer.set_cd_text(text.packs());
    if (auto e = medium_failure(s, scsi::asc::write_error); e && !target.simulated) return reply_check(*e);
    return reply_good();
}

} // namespace spindle::handlers
