#pragma once
// A kept disc in a scratch directory, and ways to tamper with its files as a hostile or
// careless user could: links, FIFOs, edited metadata.
#include "emulator/media/sparse_image_store.hpp"
#include "persistence/persistence_fixture.hpp"
#include "scsi/bytes.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <functional>
#include <string>

namespace spindle::test {

struct KeptImage {
    explicit KeptImage(std::string preset = "blank dvd+r") {
        auto m = value_or_fail(make_medium(preset + " image=" + image.string()));
    }
    std::filesystem::path meta() const { return metadata_path_for(image); }
    // Rewrites the metadata through `edit`, then returns the error of loading the disc.
    std::string load_error_after(const std::function<void(nlohmann::json&)>& edit) {
        auto j = nlohmann::json::parse(slurp(meta()));
        edit(j);
        spit(meta(), j.dump(2));
        const auto before = slurp(meta());
        auto e = error_of(make_medium("saved " + image.string()));
        CHECK(slurp(meta()) == before); // a refused load writes nothing back
        return e;
    }
    TempDir dir;
    std::filesystem::path image = dir / "disc.img";
};

// What a WRITE of 16 blocks does to a blank disc's layout.
inline void record_16_blocks(Disc& d) {
    d.tracks[0].recorded = 16;
    d.status = DiscStatus::Incomplete;
    d.last_session = SessionState::Incomplete;
}

// Where the next WRITE goes: the NWA of the invisible track, or LBA 0 of random-access media.
inline std::uint32_t next_writable(TestDrive& t) {
    auto r = t.run(scsi::cdb::read_track_information(scsi::cdb::track_address::track,
                                                     scsi::cdb::track_address::invisible_track, 48),
                   48);
    if (!r.good() || (r.data[7] & 0x01) == 0) return 0;
    return scsi::get_be32(r.data, 12);
}

inline bool contains(const std::string& text, std::string_view part) {
    const bool found = text.find(part) != std::string::npos;
    if (!found) MESSAGE("\"", text, "\" lacks \"", part, "\"");
    return found;
}

} // namespace spindle::test
