#include "emulator/media/medium_files.hpp"

#include "emulator/media/disc_json.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace spindle {

namespace {

constexpr std::size_t copy_chunk_bytes = 1 << 20;

bool all_zero(std::span<const std::uint8_t> bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

// Copies `bytes` from block 0 of `from` to `to`, leaving all-zero chunks unwritten.
bool copy_blocks(BlockStore& from, BlockStore& to, std::uint64_t bytes) {
    std::vector<std::uint8_t> chunk(copy_chunk_bytes);
    for (std::uint64_t at = 0; at < bytes; at += copy_chunk_bytes) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(copy_chunk_bytes, bytes - at));
        const auto lba = static_cast<std::uint32_t>(at / BlockStore::block_size);
        const std::span<std::uint8_t> part(chunk.data(), n);
        if (!from.read(lba, part)) return false;
        if (!all_zero(part) && !to.write(lba, part)) return false;
    }
    return true;
}

// Copies the recorded blocks of the audio and Mode 2 tracks of `d` (their whole sectors live
// apart from user data).
bool copy_audio(const Disc& d, BlockStore& from, BlockStore& to) {
    constexpr std::uint32_t chunk_blocks = 64;
    std::vector<std::uint8_t> chunk(chunk_blocks * BlockStore::audio_block_size);
    for (const Track& t : d.tracks) {
        if (!t.whole_sectors()) continue;
        for (std::uint32_t at = t.start; at < t.next_writable();) {
            const std::uint32_t n = std::min(chunk_blocks, t.next_writable() - at);
            const std::span<std::uint8_t> part(chunk.data(), std::size_t{n} * BlockStore::audio_block_size);
            if (!from.read_audio(at, part)) return false;
            if (!all_zero(part) && !to.write_audio(at, part)) return false;
            at += n;
        }
    }
    return true;
}

// Why `data` could not be synced: the errno its image store kept.
std::string sync_failure(const BlockStore& data, const std::filesystem::path& image) {
    const auto* sparse = dynamic_cast<const SparseImageStore*>(&data);
    const int error = sparse != nullptr ? sparse->sync_error() : 0;
    return "cannot sync image " + (image.empty() ? std::string("(anonymous)") : image.string()) +
           (error != 0 ? std::string(": ") + std::strerror(error) : std::string());
}

} // namespace

Medium::~Medium() {
    // Best effort: a destructor reports nothing. A failed disc is not saved: its layout could
    // record blocks whose pages a failed sync lost.
    if (unsaved && !image.empty() && failure.empty()) (void)save_medium(*this);
}

std::filesystem::path metadata_path_for(const std::filesystem::path& image) {
    auto p = image;
    p += ".json";
    return p;
}

bool medium_exists(const std::filesystem::path& image, Storage& storage) {
    return storage.is_regular_file(metadata_path_for(image));
}

std::expected<void, std::string> save_medium(const Medium& m, const std::filesystem::path& image, Storage& storage,
                                             CrashPoint crash) {
    if (!m.store) return std::unexpected("disc has no data store to save to " + image.string());
    const bool same_file = !m.image.empty() && &storage == m.storage && storage.same_file(m.image, image);
    BlockStore* data = m.store.get();
    std::unique_ptr<SparseImageStore> copy;
    if (!same_file) {
        auto created = SparseImageStore::open(image, SparseImageStore::Mode::CreateFresh, storage);
        if (!created) return std::unexpected(created.error());
        copy = std::move(*created);
        if (!copy_blocks(*m.store, *copy, image_bytes_needed(m.disc)) || !copy_audio(m.disc, *m.store, *copy))
            return std::unexpected("cannot copy the disc's data to " + image.string());
        data = copy.get();
    }
    // The image covers every block the layout records (unwritten ones as holes), so reopening
    // finds it complete.
    if (auto* sparse = dynamic_cast<SparseImageStore*>(data); sparse && !sparse->extend_to(image_bytes_needed(m.disc)))
        return std::unexpected("cannot size image " + image.string());
    if (!data->flush()) return std::unexpected(sync_failure(*data, image));
    if (auto ok = replace_file_atomically(metadata_path_for(image), disc_to_json(m.disc), crash, storage); !ok)
        return std::unexpected(ok.error());
    return {};
}

std::expected<void, std::string> save_medium(const Medium& m, const std::filesystem::path& image, CrashPoint crash) {
    return save_medium(m, image, *m.storage, crash);
}

std::expected<void, std::string> save_medium(const Medium& m) {
    if (m.image.empty()) return {};
    if (!m.failure.empty()) return std::unexpected(m.failure);
    if (auto ok = save_medium(m, m.image); !ok) {
        m.failure = ok.error();
        return ok;
    }
    m.unsaved = false;
    return {};
}

std::expected<std::unique_ptr<Medium>, std::string> open_medium(const std::filesystem::path& image, Storage& storage) {
    const auto meta_path = metadata_path_for(image);
    auto text = read_whole_file(meta_path, storage);
    if (!text) return std::unexpected("disc " + image.string() + ": " + text.error());
    auto disc = disc_from_json(*text);
    if (!disc) return std::unexpected("disc metadata " + meta_path.string() + ": " + disc.error());
    auto store = SparseImageStore::open(image, SparseImageStore::Mode::OpenExisting, storage);
    if (!store) return std::unexpected("disc " + image.string() + ": " + store.error());
    const auto size = (*store)->size_bytes();
    if (!size) return std::unexpected(size.error());
    const std::uint64_t needed = image_bytes_needed(*disc);
    if (*size < needed)
        return std::unexpected("disc " + image.string() + ": the image is " + std::to_string(*size) +
                               " bytes but the layout records data up to byte " + std::to_string(needed) +
                               " (truncated image, or metadata of another disc)");
    // A background format runs only while a drive runs it: whether the drive stopped cleanly or
    // was killed, the disc comes back with a format that was started and is not running (READ
    // DISC INFORMATION: incomplete), as a DVD+RW does after a power cycle; FORMAT UNIT with
    // Restart continues it.
    if (disc->background_format == BackgroundFormat::Running) disc->background_format = BackgroundFormat::Incomplete;
    auto m = std::make_unique<Medium>();
    m->disc = std::move(*disc);
    m->store = std::move(*store);
    m->image = image;
    m->storage = &storage;
    return m;
}

void Medium::layout_changed(LayoutChange change) const {
    unsaved = true;
    // A failure is kept in `failure`, for the command that made the change to report.
    if (change == LayoutChange::Structure) (void)save_medium(*this);
    if (on_layout_changed) on_layout_changed(*this);
}

std::expected<void, std::string> flush_medium(const Medium& m) {
    if (!m.failure.empty()) return std::unexpected(m.failure);
    if (m.store && !m.store->flush()) {
        m.failure = sync_failure(*m.store, m.image);
        return std::unexpected(m.failure);
    }
    if (!m.unsaved) return {};
    return save_medium(m);
}

std::expected<void, std::string> keep_medium_at(Medium& m, const std::filesystem::path& image, Storage& storage) {
    if (auto ok = save_medium(static_cast<const Medium&>(m), image, storage); !ok) return ok;
    if (m.image.empty() || &storage != m.storage || !storage.same_file(m.image, image)) {
        auto reopened = SparseImageStore::open(image, SparseImageStore::Mode::OpenExisting, storage);
        if (!reopened) return std::unexpected(reopened.error());
        m.store = std::move(*reopened);
    }
    m.image = image;
    m.storage = &storage;
    m.unsaved = false;
    m.failure.clear(); // its new home holds all of it
    return {};
}

std::expected<std::uint32_t, std::string> copy_image_into(const std::filesystem::path& from, BlockStore& to) {
    auto source = ReadOnlyImageStore::open(from);
    if (!source) return std::unexpected(source.error());
    const std::uint32_t blocks = (*source)->blocks();
    if (!copy_blocks(**source, to, std::uint64_t{blocks} * BlockStore::block_size))
        return std::unexpected("cannot copy image " + from.string());
    return blocks;
}

} // namespace spindle
