#pragma once
// What the recorder harness asks a drive: public API calls that parse the drive's answers.
// Shared with the seed writer, so the seeds hold the answers each call really reads.
#include "bridge/capture/profile_capture.hpp"
#include "recorder/data_writer.hpp"
#include "recorder/disc_eraser.hpp"
#include "recorder/disc_recorder.hpp"
#include "recorder/media_probe.hpp"
#include "recorder/medium_commands.hpp"
#include "recorder/task_memory.hpp"

#include <vector>

namespace spindle::fuzz {

inline constexpr std::uint8_t operations = 21;

inline void run_operation(std::uint8_t op, std::uint8_t arg, recorder::DiscRecorder& r) {
    using namespace recorder;
    auto& ex = r.ex();
    const auto type = static_cast<ModePageRequestType>(arg & 3);
    switch (op) {
    case 0: (void)ex.get_disc_information(); break;
    case 1: (void)ex.get_track_information(arg, static_cast<ReadTrackAddressType>(arg % 3)); break;
    case 2: (void)ex.get_supported_feature_pages(arg & 1); break;
    case 3: (void)ex.get_supported_profiles(arg & 1); break;
    case 4: (void)ex.get_supported_mode_pages(type); break;
    case 5: (void)ex.get_feature_page(arg, arg & 0x80); break;
    case 6: {
        (void)ex.get_mode_page(static_cast<ModePageType>(arg & 0x3F), type);
        std::uint8_t* page = nullptr;
        std::uint32_t size = 0;
        if (ex.get_mode_page(static_cast<ModePageType>(arg & 0x3F), type, &page, &size) == 0 && page) {
            volatile std::uint8_t sink = 0;
            for (std::uint32_t i = 0; i < size; ++i) sink = sink + page[i]; // the whole buffer is readable
        }
        task_mem_free(page);
        break;
    }
    case 7: (void)probe_media(ex); break;
    case 8: (void)read_format_capacities(ex); break;
    case 9: (void)read_buffer_capacity(ex); break;
    case 10: {
        DataWriter w(r);
        (void)w.supported_write_speed_descriptors();
        (void)w.current_write_speed();
        break;
    }
    case 11: {
        DataWriter w(r);
        (void)w.current_media_status();
        (void)w.media_heuristically_blank();
        (void)w.total_sectors_on_media();
        (void)w.free_sectors_on_media();
        (void)w.next_writable_address();
        (void)w.start_address_of_previous_session();
        (void)w.last_written_address_of_previous_session();
        break;
    }
    case 12: {
        capture::ProfileCapture c;
        if (c.observe(ex)) (void)c.profile("fuzz");
        break;
    }
    case 13: (void)r.device_can_load_media(); break;
    case 14: (void)r.poll_media_change(); break;
    case 15: (void)ex.read_dvd_structure(arg, 0, 0, 0); break;
    case 16: {
        DiscEraser e(r);
        (void)e.current_physical_media_type();
        break;
    }
    case 17: (void)ex.get_adapter_descriptor(); break;
    case 18: {
        DataWriter w(r);
        w.set_force_media_to_be_closed(arg & 1);
        auto stream = memory_stream(std::vector<std::uint8_t>(std::size_t{2048} * (1 + (arg >> 4)), 0x5A));
        (void)w.write(*stream);
        break;
    }
    case 19: {
        DiscEraser e(r);
        (void)e.erase_media();
        break;
    }
    default: {
        std::vector<std::uint8_t> block(4096);
        (void)ex.read_blocks(arg, block);
        break;
    }
    }
}

} // namespace spindle::fuzz
