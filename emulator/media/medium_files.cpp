#include "emulator/media/medium_files.hpp"

#include "emulator/media/disc_json.hpp"
#include "emulator/media/sparse_image_store.hpp"

#include <algorithm>
#include <system_error>
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

// Copies the recorded blocks of the audio tracks of `d` (audio lives apart from user data).
bool copy_audio(const Disc& d, BlockStore& from, BlockStore& to) {
    constexpr std::uint32_t chunk_blocks = 64;
    std::vector<std::uint8_t> chunk(chunk_blocks * BlockStore::audio_block_size);
    for (const Track& t : d.tracks) {
        if (!t.audio()) continue;
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

} // namespace

Medium::~Medium() {
    if (unsaved && !image.empty()) (void)save_medium(*this); // best effort: a destructor reports nothing
}

std::filesystem::path metadata_path_for(const std::filesystem::path& image) {
    auto p = image;
    p += ".json";
    return p;
}

bool medium_exists(const std::filesystem::path& image) {
    std::error_code ec;
    return std::filesystem::is_regular_file(metadata_path_for(image), ec);
}

std::expected<void, std::string> save_medium(const Medium& m, const std::filesystem::path& image, CrashPoint crash) {
    if (!m.store) return std::unexpected("disc has no data store to save to " + image.string());
    std::error_code ec;
    const bool same_file = !m.image.empty() && std::filesystem::equivalent(m.image, image, ec);
    BlockStore* data = m.store.get();
    std::unique_ptr<SparseImageStore> copy;
    if (!same_file) {
        auto created = SparseImageStore::open(image, SparseImageStore::Mode::CreateFresh);
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
    if (!data->flush()) return std::unexpected("cannot sync image " + image.string());
    if (auto ok = replace_file_atomically(metadata_path_for(image), disc_to_json(m.disc), crash); !ok)
        return std::unexpected(ok.error());
    return {};
}

std::expected<void, std::string> save_medium(const Medium& m) {
    if (m.image.empty()) return {};
    if (auto ok = save_medium(m, m.image); !ok) return ok;
    m.unsaved = false;
    return {};
}

std::expected<std::unique_ptr<Medium>, std::string> open_medium(const std::filesystem::path& image) {
    const auto meta_path = metadata_path_for(image);
    auto text = read_whole_file(meta_path);
    if (!text) return std::unexpected("disc " + image.string() + ": " + text.error());
    auto disc = disc_from_json(*text);
    if (!disc) return std::unexpected("disc metadata " + meta_path.string() + ": " + disc.error());
    auto store = SparseImageStore::open(image, SparseImageStore::Mode::OpenExisting);
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
    return m;
}

void Medium::layout_changed(LayoutChange change) const {
    unsaved = true;
    if (change == LayoutChange::Structure) (void)save_medium(*this); // on failure `unsaved` stays for the flush
    if (on_layout_changed) on_layout_changed(*this);
}

std::expected<void, std::string> flush_medium(const Medium& m) {
    if (m.store && !m.store->flush()) return std::unexpected(std::string("cannot sync the disc image"));
    if (!m.unsaved) return {};
    return save_medium(m);
}

std::expected<void, std::string> keep_medium_at(Medium& m, const std::filesystem::path& image) {
    if (auto ok = save_medium(static_cast<const Medium&>(m), image); !ok) return ok;
    std::error_code ec;
    if (m.image.empty() || !std::filesystem::equivalent(m.image, image, ec)) {
        auto reopened = SparseImageStore::open(image, SparseImageStore::Mode::OpenExisting);
        if (!reopened) return std::unexpected(reopened.error());
        m.store = std::move(*reopened);
    }
    m.image = image;
    m.unsaved = false;
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
