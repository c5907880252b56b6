#include "emulator/drive/mode_page_set.hpp"

#include "emulator/media/atomic_file.hpp"
#include "emulator/media/hex_digits.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <sstream>
#include <string>

namespace spindle {

namespace {

// Bytes 0-1 of a page are its code and length; parameters (and the changeable mask) follow.
constexpr std::size_t parameters_start = 2;

// "code hexbytes" -> the code and the bytes; nullopt when the line is not exactly that.
std::optional<std::pair<unsigned, scsi::Bytes>> parse_line(const std::string& line) {
    const auto space = line.find(' ');
    if (space == std::string::npos) return std::nullopt;
    const char* first = line.data();
    const char* sep = first + space;
    unsigned code = 0;
    const auto [end, ec] = std::from_chars(first, sep, code, 16);
    if (ec != std::errc{} || end != sep || code > 0x3F) return std::nullopt;
    std::string_view hex(sep + 1, line.size() - space - 1);
    while (!hex.empty() && (hex.back() == '\r' || hex.back() == ' ')) hex.remove_suffix(1);
    auto bytes = bytes_from_hex_digits(hex);
    if (!bytes) return std::nullopt;
    return std::pair{code, std::move(*bytes)};
}

} // namespace

ModePageSet::ModePageSet(const std::map<std::uint8_t, ModePageValues>& pages, std::filesystem::path saved_file,
                         Storage& storage)
    : saved_file_(std::move(saved_file)), storage_(&storage) {
    // The profile's current values are what the drive powers on with: its saved values until
    // a MODE SELECT with SP replaces them.
    for (const auto& [code, v] : pages) pages_.emplace(code, Page{v, v.current});
    load_saved();
    for (auto& [code, p] : pages_) p.values.current = p.saved; // power on: current = saved
}

std::vector<std::uint8_t> ModePageSet::codes() const {
    std::vector<std::uint8_t> out;
    for (const auto& [code, p] : pages_) out.push_back(code);
    return out;
}

const scsi::Bytes* ModePageSet::page(std::uint8_t code, PageControl pc) const {
    auto it = pages_.find(code);
    if (it == pages_.end()) return nullptr;
    switch (pc) {
    case PageControl::Current: return &it->second.values.current;
    case PageControl::Changeable: return &it->second.values.changeable;
    case PageControl::Default: return &it->second.values.default_values;
    case PageControl::Saved: return &it->second.saved;
    }
    return nullptr;
}

scsi::Bytes* ModePageSet::current(std::uint8_t code) {
    auto it = pages_.find(code);
    return it == pages_.end() ? nullptr : &it->second.values.current;
}

bool ModePageSet::savable(std::uint8_t code) const {
    auto it = pages_.find(code);
    if (it == pages_.end()) return false;
    const auto& mask = it->second.values.changeable;
    return mask.size() > parameters_start &&
           std::any_of(mask.begin() + parameters_start, mask.end(), [](std::uint8_t b) { return b != 0; });
}

bool ModePageSet::set(std::uint8_t code, const scsi::Bytes& values, bool save) {
    auto it = pages_.find(code);
    if (it == pages_.end()) return false;
    it->second.values.current = values;
    if (!save) return true;
    it->second.saved = values;
    return write_saved();
}

bool ModePageSet::apply(const std::vector<std::pair<std::uint8_t, scsi::Bytes>>& pages, bool save) {
    for (const auto& [code, values] : pages)
        if (auto* cur = current(code)) *cur = values;
    if (!save) return true;
    for (auto& [code, p] : pages_)
        if (savable(code)) p.saved = p.values.current;
    return write_saved();
}

// The saved file holds, per page, one line: the page code and its bytes in hex. It only
// contributes a page's changeable bits; everything else comes from the profile, so
// a file written for another profile (or damaged) cannot give a page bits MODE SELECT could
// not have set. Lines that do not parse, unknown pages and wrong lengths are ignored.
void ModePageSet::load_saved() {
    if (saved_file_.empty()) return;
    auto text = read_whole_file(saved_file_, *storage_);
    if (!text) return; // none yet (or unreadable): the profile's values
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
        auto parsed = parse_line(line);
        if (!parsed) continue;
        auto it = pages_.find(static_cast<std::uint8_t>(parsed->first));
        if (it == pages_.end()) continue;
        const auto& file = parsed->second;
        const auto& mask = it->second.values.changeable;
        auto& saved = it->second.saved;
        if (file.size() != saved.size() || mask.size() != saved.size()) continue;
        for (std::size_t i = parameters_start; i < saved.size(); ++i)
            saved[i] = static_cast<std::uint8_t>((saved[i] & ~mask[i]) | (file[i] & mask[i]));
    }
}

bool ModePageSet::write_saved() const {
    if (saved_file_.empty()) return true;
    std::string text;
    for (const auto& [code, p] : pages_) text += fmt::format("{:x} {}\n", code, hex_digits(p.saved));
    // A power cut leaves the old file or the new one, and once this returns, the new one.
    return replace_file_atomically(saved_file_, text, CrashPoint::None, *storage_).has_value();
}

} // namespace spindle
