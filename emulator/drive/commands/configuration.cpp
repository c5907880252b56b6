// GET CONFIGURATION (MMC-6 6.6): the feature header, the Profile List built from the
// profile's MMC profiles, then the profile's feature descriptors with their Current bits.
#include "emulator/drive/commands/handlers.hpp"
#include "emulator/drive/commands/reply.hpp"
#include "emulator/drive/feature_currency.hpp"
#include "scsi/cdb_configuration.hpp"

namespace spindle::handlers {

namespace {

// RT field values (MMC-6 6.6, GET CONFIGURATION CDB).
enum class RequestType : std::uint8_t { All = 0, Current = 1, One = 2 };

constexpr std::uint16_t profile_list_code = 0x0000;

// Feature descriptor header (MMC-6 5.2, Feature Descriptor generic format).
void put_feature_header(scsi::ByteWriter& w, std::uint16_t code, std::uint8_t version, bool persistent, bool current,
                        std::size_t additional_length) {
    const auto flags =
        static_cast<std::uint8_t>(((version & 0x0Fu) << 2) | (persistent ? 0x02u : 0u) | (current ? 0x01u : 0u));
    w.be16(code).u8(flags).u8(static_cast<std::uint8_t>(additional_length));
}

// Feature 0000h, Profile List (MMC-6 5.3): one 4-byte profile descriptor per supported profile, with
// CurrentP on the current one; version 0, persistent and current.
void put_profile_list(scsi::ByteWriter& w, const DriveProfile& profile, std::uint16_t current) {
    put_feature_header(w, profile_list_code, 0, true, true, 4 * profile.profiles.size());
    for (const auto number : profile.profiles) w.be16(number).u8(number == current ? 0x01 : 0x00).u8(0);
}

} // namespace

Completion get_configuration(DriveState& s, const Command& cmd) {
    const scsi::GetConfigurationCdb cdb(cmd.cdb);
    if (cdb.rt() == 3) return reply_check(scsi::sense::invalid_field_in_cdb(1, 1)); // RT 11b is reserved
    const auto rt = static_cast<RequestType>(cdb.rt());
    const auto start = cdb.starting_feature();
    const auto current_profile = s.current_profile();
    const MediumInDrive medium{current_profile, current_profile != 0 ? &s.medium->disc : nullptr};

    // MMC-6 6.6, Feature Header: data length (bytes after itself), reserved, current profile.
    scsi::Bytes out;
    scsi::ByteWriter w(out);
    w.be32(0).be16(0).be16(current_profile);

    auto wanted = [&](std::uint16_t code, bool current) {
        switch (rt) {
        case RequestType::All: return code >= start;
        case RequestType::Current: return code >= start && current;
        case RequestType::One: return code == start;
        }
        return false;
    };
    if (wanted(profile_list_code, true)) put_profile_list(w, s.profile, current_profile);
    for (const auto& f : s.profile.features) {
        if (f.code == profile_list_code) continue; // built from `profiles`, never listed
        const bool current = feature_current(f, medium);
        if (!wanted(f.code, current)) continue;
        put_feature_header(w, f.code, f.version, f.persistent, current, f.data.size());
        w.bytes(f.data);
    }
    scsi::put_be32(out, 0, static_cast<std::uint32_t>(out.size() - 4));
    return reply_data(cmd, out, cdb.allocation_length());
}

} // namespace spindle::handlers
