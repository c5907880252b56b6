#include "tools/mmc-emu/demo_command.hpp"

#include "emulator/media/presets.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "emulator/profile/profile_names.hpp"
#include "scsi/bytes.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mechanism.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/cdb_read.hpp"
#include "tools/mmc-emu/host_dialogue.hpp"

#include <fmt/format.h>

namespace spindle::cli {

namespace {

using scsi::get_be16;
using scsi::get_be32;

std::string trimmed(const std::vector<std::uint8_t>& d, std::size_t at, std::size_t n) {
    std::string s(d.begin() + static_cast<std::ptrdiff_t>(at), d.begin() + static_cast<std::ptrdiff_t>(at + n));
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::string read_inquiry(const std::vector<std::uint8_t>& d) {
    if (d.size() < 36) return "short answer";
    return fmt::format("{} / {} / {}", trimmed(d, 8, 8), trimmed(d, 16, 16), trimmed(d, 32, 4));
}

std::string read_configuration(const std::vector<std::uint8_t>& d) {
    if (d.size() < 8) return "short answer";
    return fmt::format("current profile {:04X}h ({})", get_be16(d, 6), profile_display_name(get_be16(d, 6)));
}

std::string read_events(const std::vector<std::uint8_t>& d) {
    if (d.size() < 6) return "no event";
    static constexpr const char* media_events[] = {"no change", "eject request", "new media", "media removal"};
    const unsigned code = d[4] & 0x0F;
    return fmt::format("media event: {}; disc present: {}", code < 4 ? media_events[code] : "other",
                       (d[5] & 0x02) ? "yes" : "no");
}

std::string read_disc_information(const std::vector<std::uint8_t>& d) {
    if (d.size() < 12) return "short answer";
    static constexpr const char* status[] = {"empty", "incomplete", "complete", "other"};
    return fmt::format("disc {}, {} session(s), erasable: {}", status[d[2] & 3], d[4], (d[2] & 0x10) ? "yes" : "no");
}

std::string read_track_information(const std::vector<std::uint8_t>& d) {
    if (d.size() < 28) return "short answer";
    return fmt::format("track {}: next writable address {}, {} blocks free", d[2], get_be32(d, 12), get_be32(d, 16));
}

std::string read_page_2a(const std::vector<std::uint8_t>& d) {
    if (d.size() < 8 + 14) return "short answer";
    return fmt::format("page 2Ah: buffer {} KiB, writes CD-R: {}, DVD-R: {}, tray locked: {}", get_be16(d, 8 + 12),
                       (d[8 + 3] & 0x01) ? "yes" : "no", (d[8 + 3] & 0x10) ? "yes" : "no",
                       (d[8 + 6] & 0x02) ? "yes" : "no");
}

std::string read_write_speeds(const std::vector<std::uint8_t>& d) {
    std::string out = "write speeds (kB/s):";
    for (std::size_t at = 8; at + 16 <= d.size(); at += 16) out += fmt::format(" {}", get_be32(d, at + 12));
    return out;
}

int run_demo(const std::string& preset) {
    auto medium = make_medium(preset);
    if (!medium) {
        fmt::print(stderr, "mmc-emu demo: --media: {}\n", medium.error());
        return 2;
    }
    VirtualClock clock;
    const DriveProfile& profile = default_profile();
    Drive drive(profile, clock);
    HostDialogue host(drive);
    namespace cdb = scsi::cdb;
    const auto tur = cdb::test_unit_ready();
    const auto media_events = cdb::get_event_status_notification(cdb::event_class::media, 8);
    const auto page_2a = cdb::mode_sense10(0x2A, cdb::PageControl::Current, 0xFF);

    fmt::print("spindle: a virtual {} {} {} (the default profile), in-process on a virtual clock\n",
               profile.identity.vendor, profile.identity.product, profile.identity.revision);
    host.note("power on, no disc");
    host.send(cdb::inquiry(96), 96, read_inquiry);
    host.send(tur);
    host.send(tur);
    host.send(media_events, 8, read_events);

    host.note(fmt::format("the host ejects the tray, a person puts in a disc ({}), the host closes the tray", preset));
    host.send(cdb::eject());
    drive.insert(std::move(*medium));
    host.send(cdb::load());
    host.send(tur);
    host.note(fmt::format("{} ms later (the profile's becoming-ready time)", profile.timings.becoming_ready.count()));
    clock.advance(profile.timings.becoming_ready);
    host.send(tur);
    host.send(tur);
    host.send(media_events, 8, read_events);
    host.send(cdb::get_configuration(cdb::rt::one, 0, 8), 8, read_configuration);
    host.send(cdb::read_disc_information(34), 34, read_disc_information);
    host.send(cdb::read_track_information(cdb::track_address::track, cdb::track_address::invisible_track, 36), 36,
              read_track_information);
    host.send(page_2a, 255, read_page_2a);
    host.send(cdb::get_performance(cdb::performance_type::write_speed, 8), 8 + 8 * 16, read_write_speeds);

    host.note("the host locks the tray; the eject that follows is refused until it allows removal again");
    host.send(cdb::prevent_allow_medium_removal(true));
    host.send(page_2a, 255, read_page_2a);
    host.send(cdb::eject());
    host.send(cdb::prevent_allow_medium_removal(false));
    host.send(cdb::eject());
    host.send(tur);
    return 0;
}

} // namespace

void add_demo_command(CLI::App& app) {
    auto* demo = app.add_subcommand("demo", "Show a virtual drive answering a host: identity, a disc going in, "
                                            "becoming ready, the disc's state, page 2Ah, speeds, tray lock");
    auto preset = std::make_shared<std::string>("blank dvd+r");
    demo->add_option("--media", *preset, "the disc to put in, as a media preset (e.g. \"appendable cd-r\")")
        ->capture_default_str();
    // An exit status travels as CLI::RuntimeError, as in profile_command.cpp.
    demo->callback([preset] {
        if (const int status = run_demo(*preset); status != 0) throw CLI::RuntimeError(status);
    });
}

} // namespace spindle::cli
