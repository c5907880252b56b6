#include "emulator/drive/mode_page_set.hpp"

#include <fstream>

namespace spindle {

ModePageSet::ModePageSet(const std::map<std::uint8_t, ModePageValues>& pages, std::filesystem::path saved_file)
    : saved_file_(std::move(saved_file)) {
    for (const auto& [code, v] : pages) pages_.emplace(code, Page{v, v.default_values});
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

bool ModePageSet::set(std::uint8_t code, const scsi::Bytes& values, bool save) {
    auto it = pages_.find(code);
    if (it == pages_.end()) return false;
    it->second.values.current = values;
    if (!save) return true;
    it->second.saved = values;
    return write_saved();
}

// The saved file holds, per page, one line: the page code and its bytes in hex. A file that
// does not match the profile's pages (other lengths, unknown pages) is ignored page by page.
void ModePageSet::load_saved() {
    if (saved_file_.empty()) return;
    std::ifstream in(saved_file_);
    unsigned code = 0;
    std::string hex;
    while (in >> std::hex >> code >> hex) {
        auto it = pages_.find(static_cast<std::uint8_t>(code));
        if (it == pages_.end() || hex.size() != it->second.saved.size() * 2) continue;
        scsi::Bytes bytes;
        for (std::size_t i = 0; i < hex.size(); i += 2)
            bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
        it->second.saved = bytes;
    }
}

bool ModePageSet::write_saved() const {
    if (saved_file_.empty()) return true;
    // Written to a temporary file and renamed, so a crash leaves the old or the new file.
    const auto tmp = saved_file_.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        static constexpr char digits[] = "0123456789abcdef";
        for (const auto& [code, p] : pages_) {
            out << std::hex << unsigned{code} << ' ';
            for (auto b : p.saved) out << digits[b >> 4] << digits[b & 0xF];
            out << '\n';
        }
        if (!out.flush()) return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, saved_file_, ec);
    return !ec;
}

} // namespace spindle
