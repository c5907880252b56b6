#pragma once
// The drive's mode pages in their four page-control views (SPC-4 7.5.1 / table 97). Current
// values change with MODE SELECT; saved values are kept in a file under the drive's state
// directory so they survive a drive restart, or a power cut once MODE SELECT has answered: the
// file is replaced as a disc's layout is (media/atomic_file.hpp: the temporary synced, renamed,
// the directory synced), through a Storage (media/storage.hpp).
#include "emulator/media/storage.hpp"
#include "emulator/profile/drive_profile.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace spindle {

enum class PageControl : std::uint8_t { Current = 0, Changeable = 1, Default = 2, Saved = 3 };

class ModePageSet {
public:
    ModePageSet(const std::map<std::uint8_t, ModePageValues>& pages, std::filesystem::path saved_file,
                Storage& storage = real_storage());

    std::vector<std::uint8_t> codes() const; // ascending
    bool has(std::uint8_t code) const { return pages_.contains(code); }
    const scsi::Bytes* page(std::uint8_t code, PageControl pc) const;
    scsi::Bytes* current(std::uint8_t code);
    // A page can be saved when MODE SELECT can change any of its bits (its PS bit).
    bool savable(std::uint8_t code) const;

    // Replaces the current values of one page (already validated against the changeable
    // mask); with `save`, also the saved values, written through to the saved file.
    // Returns false when the saved file could not be written.
    bool set(std::uint8_t code, const scsi::Bytes& values, bool save);
    // Replaces the current values of several pages at once; with `save`, then saves every
    // savable page's current values (SPC-4 6.9: SP saves all saveable pages, including those
    // sent), writing the file once. Returns false when the saved file could not be written.
    bool apply(const std::vector<std::pair<std::uint8_t, scsi::Bytes>>& pages, bool save);

private:
    struct Page {
        ModePageValues values;
        scsi::Bytes saved;
    };
    void load_saved();
    bool write_saved() const;

    std::map<std::uint8_t, Page> pages_;
    std::filesystem::path saved_file_;
    Storage* storage_;
};

} // namespace spindle
