// Media for emu: devices, from media preset text.
#include "recorder/transport/device_name.hpp"

#include <fmt/format.h>

#if __has_include("emulator/media/presets.hpp")
#include "emulator/media/presets.hpp"
#define SPINDLE_HAVE_MEDIA_PRESETS 1
#else
#include "emulator/media/media_type.hpp"

#include <map>
#include <vector>
#endif

namespace spindle::recorder {

#if SPINDLE_HAVE_MEDIA_PRESETS

Result<void> load_preset(EmulatedDevice& device, std::string_view preset) {
    auto medium = make_medium(preset);
    if (!medium) return fail(hr::e_invalidarg, fmt::format("media preset '{}': {}", preset, medium.error()));
    device.drive().load(std::move(*medium));
    return {};
}

#else

namespace {
// Until the media presets land: blank discs only, held in memory.
class MemoryStore final : public BlockStore {
public:
    bool read(std::uint32_t lba, std::span<std::uint8_t> out) override {
        for (std::size_t i = 0; i < out.size() / block_size; ++i) {
            auto it = blocks_.find(lba + static_cast<std::uint32_t>(i));
            auto dst = out.subspan(i * block_size, block_size);
            if (it == blocks_.end())
                std::ranges::fill(dst, std::uint8_t{0});
            else
                std::ranges::copy(it->second, dst.begin());
        }
        return true;
    }
    bool write(std::uint32_t lba, std::span<const std::uint8_t> in) override {
        for (std::size_t i = 0; i < in.size() / block_size; ++i) {
            auto src = in.subspan(i * block_size, block_size);
            blocks_[lba + static_cast<std::uint32_t>(i)].assign(src.begin(), src.end());
        }
        return true;
    }
    bool flush() override { return true; }

private:
    std::map<std::uint32_t, std::vector<std::uint8_t>> blocks_;
};
} // namespace

Result<void> load_preset(EmulatedDevice& device, std::string_view preset) {
    if (!preset.starts_with("blank "))
        return fail(hr::e_invalidarg, fmt::format("media preset '{}': only 'blank KIND' is known here", preset));
    const auto kind = media_kind_by_name(preset.substr(6));
    if (!kind) return fail(hr::e_invalidarg, fmt::format("media preset '{}': unknown media kind", preset));
    auto medium = std::make_unique<Medium>();
    medium->disc.kind = *kind;
    medium->disc.capacity_blocks = media_type(*kind).capacity_blocks;
    Track t;
    t.size = medium->disc.capacity_blocks;
    t.invisible = true;
    medium->disc.tracks.push_back(t);
    medium->store = std::make_unique<MemoryStore>();
    device.drive().load(std::move(medium));
    return {};
}

#endif

} // namespace spindle::recorder
