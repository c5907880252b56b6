#include "emulator/profile/mode_page_layouts.hpp"

#include <array>

namespace spindle {

namespace {

// Byte 0 bit 7 of every page (SPC-4 7.5.7): the page can be saved.
constexpr ModePageField ps{"ps", 0, 7, 1};

// clang-format off
// MMC-6 7.3 Read/Write Error Recovery mode page (01h).
constexpr ModePageField page_01[] = {
    ps,
    {"awre", 2, 7, 1}, {"arre", 2, 6, 1}, {"tb", 2, 5, 1}, {"rc", 2, 4, 1},
    {"per", 2, 2, 1}, {"dte", 2, 1, 1}, {"dcr", 2, 0, 1},
    {"read_retry_count", 3, 0, 8},
    {"emcdr", 7, 0, 2},
    {"write_retry_count", 8, 0, 8},
    {"recovery_time_limit", 10, 0, 16},
};

// MMC-6 7.5 Write Parameters mode page (05h); bytes 16-47 (MCN, ISRC) have no names.
constexpr ModePageField page_05[] = {
    ps,
    {"bufe", 2, 6, 1}, {"ls_v", 2, 5, 1}, {"test_write", 2, 4, 1}, {"write_type", 2, 0, 4},
    {"multi_session", 3, 6, 2}, {"fp", 3, 5, 1}, {"copy", 3, 4, 1}, {"track_mode", 3, 0, 4},
    {"data_block_type", 4, 0, 4},
    {"link_size", 5, 0, 8},
    {"host_application_code", 7, 0, 6},
    {"session_format", 8, 0, 8},
    {"packet_size", 10, 0, 32},
    {"audio_pause_length", 14, 0, 16},
    {"subheader_0", 48, 0, 8}, {"subheader_1", 49, 0, 8}, {"subheader_2", 50, 0, 8}, {"subheader_3", 51, 0, 8},
};

// MMC-6 7.6 Caching mode page (08h).
constexpr ModePageField page_08[] = {
    ps,
    {"wce", 2, 2, 1}, {"rcd", 2, 0, 1},
};

// MMC-3 CD Device Parameters mode page (0Dh).
constexpr ModePageField page_0d[] = {
    ps,
    {"inactivity_timer_multiplier", 3, 0, 4},
    {"s_units_per_m", 4, 0, 16},
    {"f_units_per_s", 6, 0, 16},
};

// MMC-3 CD Audio Control mode page (0Eh).
constexpr ModePageField page_0e[] = {
    ps,
    {"immed", 2, 2, 1}, {"sotc", 2, 1, 1},
    {"port0_channel", 8, 0, 4}, {"port0_volume", 9, 0, 8},
    {"port1_channel", 10, 0, 4}, {"port1_volume", 11, 0, 8},
    {"port2_channel", 12, 0, 4}, {"port2_volume", 13, 0, 8},
    {"port3_channel", 14, 0, 4}, {"port3_volume", 15, 0, 8},
};

// MMC-6 7.7 / SPC-4 Power Condition mode page (1Ah); timers in 100 ms units.
constexpr ModePageField page_1a[] = {
    ps,
    {"idle", 3, 1, 1}, {"standby", 3, 0, 1},
    {"idle_timer", 4, 0, 32},
    {"standby_timer", 8, 0, 32},
};

// MMC-6 7.8 Fault/Failure Reporting Control mode page (1Ch; SPC-4 Informational Exceptions).
constexpr ModePageField page_1c[] = {
    ps,
    {"perf", 2, 7, 1}, {"ebf", 2, 5, 1}, {"ewasc", 2, 4, 1}, {"dexcpt", 2, 3, 1}, {"test", 2, 2, 1},
    {"logerr", 2, 0, 1},
    {"mrie", 3, 0, 4},
    {"interval_timer", 4, 0, 32},
    {"report_count", 8, 0, 32},
};

// MMC-6 7.9 Time-out and Protect mode page (1Dh); time-outs in seconds.
constexpr ModePageField page_1d[] = {
    ps,
    {"g3enable", 4, 3, 1}, {"tmoe", 4, 2, 1}, {"disp", 4, 1, 1}, {"swpp", 4, 0, 1},
    {"group1_timeout", 6, 0, 16},
    {"group2_timeout", 8, 0, 16},
    {"group3_timeout", 10, 0, 16},
};

// MMC-6 table 606 MM Capabilities and Mechanical Status mode page (2Ah). Bytes 30-31 (the
// descriptor count) and the descriptors come from `write_speed_descriptors`.
constexpr ModePageField page_2a[] = {
    ps,
    {"dvd_ram_read", 2, 5, 1}, {"dvd_r_read", 2, 4, 1}, {"dvd_rom_read", 2, 3, 1},
    {"method2", 2, 2, 1}, {"cd_rw_read", 2, 1, 1}, {"cd_r_read", 2, 0, 1},
    {"dvd_ram_write", 3, 5, 1}, {"dvd_r_write", 3, 4, 1}, {"test_write", 3, 2, 1},
    {"cd_rw_write", 3, 1, 1}, {"cd_r_write", 3, 0, 1},
    {"buf", 4, 7, 1}, {"multi_session", 4, 6, 1}, {"mode2_form2", 4, 5, 1}, {"mode2_form1", 4, 4, 1},
    {"digital_port_1", 4, 3, 1}, {"digital_port_2", 4, 2, 1}, {"composite", 4, 1, 1}, {"audio_play", 4, 0, 1},
    {"read_bar_code", 5, 7, 1}, {"upc", 5, 6, 1}, {"isrc", 5, 5, 1}, {"c2_pointers", 5, 4, 1},
    {"rw_deinterleaved_corrected", 5, 3, 1}, {"rw_supported", 5, 2, 1}, {"cdda_stream_accurate", 5, 1, 1},
    {"cdda_commands", 5, 0, 1},
    {"loading_mechanism_type", 6, 5, 3}, {"eject", 6, 3, 1}, {"prevent_jumper", 6, 2, 1},
    {"lock_state", 6, 1, 1}, {"lock", 6, 0, 1},
    {"rw_in_lead_in", 7, 5, 1}, {"side_change_capable", 7, 4, 1}, {"sw_slot_selection", 7, 3, 1},
    {"changer_supports_disc_present", 7, 2, 1}, {"separate_channel_mute", 7, 1, 1},
    {"separate_volume_levels", 7, 0, 1},
    {"max_read_speed", 8, 0, 16},
    {"volume_levels", 10, 0, 16},
    {"buffer_size_kib", 12, 0, 16},
    {"current_read_speed", 14, 0, 16},
    {"bck_length", 17, 4, 2}, {"lsbf", 17, 3, 1}, {"rck", 17, 2, 1}, {"bckf", 17, 1, 1},
    {"max_write_speed", 18, 0, 16},
    {"current_write_speed", 20, 0, 16},
    {"copy_management_revision", 22, 0, 16},
    {"rotation_control_selected", 27, 0, 2},
    {"current_write_speed_selected", 28, 0, 16},
};

constexpr std::array<ModePageLayout, 9> layouts{{
    {0x01, "Read/Write Error Recovery", 12, page_01, false},
    {0x05, "Write Parameters", 52, page_05, false},
    {0x08, "Caching", 12, page_08, false},
    {0x0D, "CD Device Parameters", 8, page_0d, false},
    {0x0E, "CD Audio Control", 16, page_0e, false},
    {0x1A, "Power Condition", 12, page_1a, false},
    {0x1C, "Fault/Failure Reporting Control", 12, page_1c, false},
    {0x1D, "Time-out and Protect", 12, page_1d, false},
    {0x2A, "MM Capabilities and Mechanical Status", 32, page_2a, true},
}};
// clang-format on

} // namespace

std::span<const ModePageLayout> mode_page_layouts() { return layouts; }

const ModePageLayout* mode_page_layout(std::uint8_t page) {
    for (const auto& l : layouts)
        if (l.page == page) return &l;
    return nullptr;
}

const ModePageField* find_field(const ModePageLayout& layout, std::string_view name) {
    for (const auto& f : layout.fields)
        if (f.name == name) return &f;
    return nullptr;
}

std::uint32_t field_max(const ModePageField& field) {
    return field.width >= 32 ? 0xFFFF'FFFFu : (1u << field.width) - 1u;
}

std::uint32_t get_field(scsi::ByteView page, const ModePageField& f) {
    switch (f.width) {
    case 16: return scsi::get_be16(page, f.byte);
    case 24: return scsi::get_be24(page, f.byte);
    case 32: return scsi::get_be32(page, f.byte);
    default: return scsi::get_bits(page, f.byte, f.shift, f.width);
    }
}

void put_field(scsi::MutableByteView page, const ModePageField& f, std::uint32_t value) {
    switch (f.width) {
    case 16: scsi::put_be16(page, f.byte, static_cast<std::uint16_t>(value)); break;
    case 24: scsi::put_be24(page, f.byte, value); break;
    case 32: scsi::put_be32(page, f.byte, value); break;
    default: scsi::put_bits(page, f.byte, f.shift, f.width, value); break;
    }
}

} // namespace spindle
