#include "disc_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace spindle::discrec {

namespace {

constexpr double origin = 20;     // px left of sector 0
constexpr double row_width = 960; // px the whole disc spans
constexpr double row_top = 50, row_height = 60;

struct Kind {
    std::string_view name, fill;
};
constexpr Kind data_kind{"data", "#4a7fc1"}, audio_kind{"audio", "#d9822b"}, gap_kind{"gap", "#9e9e9e"},
    free_kind{"free", "#e8f3e8"};

std::string escaped(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

class Row {
public:
    explicit Row(std::uint64_t sectors)
        : scale_(row_width / static_cast<double>(std::max<std::uint64_t>(sectors, 1))) {}
    double scale() const { return scale_; }
    double x(std::uint64_t lba) const { return origin + static_cast<double>(lba) * scale_; }

    // A box of `size` sectors from `start`; its label shows when it fits, its title on hover.
    void box(std::string_view cls, const Kind& kind, std::uint64_t start, std::uint64_t size, std::string_view label,
             std::string_view title, std::string_view extra = {}) {
        const double w = static_cast<double>(size) * scale_;
        svg +=
            fmt::format(R"(<rect class="{}" x="{:.6f}" y="{}" width="{:.6f}" height="{}" fill="{}" )"
                        R"(stroke="#333" stroke-width="0.5" data-start="{}" data-size="{}"{}><title>{}</title></rect>)"
                        "\n",
                        cls, x(start), row_top, w, row_height, kind.fill, start, size, extra, escaped(title));
        if (!label.empty() && w >= 7.0 * static_cast<double>(label.size()))
            svg += fmt::format(R"(<text x="{:.3f}" y="{}" text-anchor="middle">{}</text>)"
                               "\n",
                               x(start) + w / 2, row_top + row_height / 2 + 5, escaped(label));
    }

    std::string svg;

private:
    double scale_;
};

} // namespace

std::string disc_map_svg(const nlohmann::json& info) {
    std::vector<nlohmann::json> tracks;
    for (const auto& t : info.value("tracks", nlohmann::json::array()))
        if (!t.contains("error")) tracks.push_back(t);
    std::uint64_t end = 0;
    for (const auto& t : tracks)
        end = std::max(end, t["start_lba"].get<std::uint64_t>() + t["track_size"].get<std::uint64_t>());

    Row row(end);
    std::vector<std::string> lines; // the list under the row, one line per track
    std::uint64_t at = 0;
    for (const auto& t : tracks) {
        const auto start = t["start_lba"].get<std::uint64_t>(), size = t["track_size"].get<std::uint64_t>();
        const auto number = t["number"].get<unsigned>(), session = t["session"].get<unsigned>();
        if (start > at) // lead-out and lead-in between sessions, or a pregap
            row.box("gap", gap_kind, at, start - at, "gap",
                    fmt::format("gap: LBA {}-{}, {} sectors", at, start - 1, start - at));
        const bool blank = t["blank"].get<bool>();
        const bool audio = (t["track_mode"].get<unsigned>() & 0x4) == 0;
        const Kind& kind = blank ? free_kind : audio ? audio_kind : data_kind;
        const std::string name = fmt::format("Track {}", number);
        const std::string text = fmt::format("{} (session {}): LBA {}-{}, {} sectors, {}", name, session, start,
                                             start + size - (size ? 1 : 0), size, blank ? "blank" : kind.name);
        row.box("track", kind, start, size, name, text,
                fmt::format(R"( data-track="{}" data-session="{}")", number, session));
        if (t["next_writable_address_valid"].get<bool>()) {
            const auto nwa = t["next_writable_address"].get<std::uint64_t>();
            const auto free = t["free_blocks"].get<std::uint64_t>();
            if (free > 0 && !blank)
                row.box("free", free_kind, nwa, free, "free", fmt::format("free: {} sectors from LBA {}", free, nwa));
            row.svg += fmt::format(
                R"(<line class="nwa" x1="{0:.6f}" x2="{0:.6f}" y1="{1}" y2="{2}" stroke="#c62828" stroke-width="2" data-start="{3}"/>)"
                "\n"
                R"(<text x="{0:.3f}" y="{4}" text-anchor="middle" fill="#c62828">NWA {3}</text>)"
                "\n",
                row.x(nwa), row_top - 6, row_top + row_height + 6, nwa, row_top - 10);
            lines.push_back(fmt::format("{}; next writable address {}, {} sectors free", text, nwa, free));
        } else {
            lines.push_back(text);
        }
        at = std::max(at, start + size);
    }

    const auto& m = info.value("medium", nlohmann::json::object());
    const std::string title =
        m.contains("profile") ? fmt::format("{}, {}, {} sectors, {} free", m["profile"].get<std::string>(),
                                            m["state"].get<std::string>(), end, m["free_sectors"].get<std::uint64_t>())
                              : std::string("no disc");
    const double list_top = row_top + row_height + 30,
                 legend_top = list_top + 18.0 * static_cast<double>(lines.size()) + 10;
    const double height = legend_top + 30;
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" )"
        R"(font-family="sans-serif" font-size="12" data-origin="{}" data-scale="{:.12g}" data-sectors="{}">)"
        "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        R"(<text x="{}" y="20" font-size="14" font-weight="bold">{}</text>)"
        "\n",
        origin * 2 + row_width, height, origin * 2 + row_width, height, origin, row.scale(), end, origin,
        escaped(title));
    if (tracks.empty())
        svg += fmt::format(R"(<text x="{}" y="{}">no tracks</text>)"
                           "\n",
                           origin, row_top + row_height / 2);
    svg += row.svg;
    for (std::size_t i = 0; i < lines.size(); ++i)
        svg += fmt::format(R"(<text x="{}" y="{:.0f}">{}</text>)"
                           "\n",
                           origin, list_top + 18.0 * static_cast<double>(i), escaped(lines[i]));
    double x = origin;
    for (const Kind* k : {&data_kind, &audio_kind, &gap_kind, &free_kind}) {
        svg += fmt::format(
            R"(<rect class="legend" x="{}" y="{}" width="12" height="12" fill="{}" stroke="#333" stroke-width="0.5"/>)"
            R"(<text x="{}" y="{}">{}</text>)"
            "\n",
            x, legend_top, k->fill, x + 16, legend_top + 10, k->name);
        x += 80;
    }
    svg += fmt::format(R"(<line class="legend" x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#c62828" stroke-width="2"/>)"
                       R"(<text x="{3}" y="{4}">next writable address (NWA)</text>)"
                       "\n</svg>\n",
                       x + 6, legend_top, legend_top + 12, x + 16, legend_top + 10);
    return svg;
}

} // namespace spindle::discrec
