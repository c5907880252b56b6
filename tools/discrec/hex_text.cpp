#include "hex_text.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace spindle::discrec {

std::optional<std::vector<std::uint8_t>> parse_hex(const std::string& text) {
    std::string digits;
    for (char c : text)
        if (c != ' ' && c != ':' && c != '-') digits += c;
    if (digits.size() % 2 != 0) return std::nullopt;
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        unsigned v = 0;
        if (std::sscanf(digits.substr(i, 2).c_str(), "%2x", &v) != 1) return std::nullopt;
        out.push_back(static_cast<std::uint8_t>(v));
    }
    return out;
}

void print_hexdump(std::span<const std::uint8_t> b) {
    for (std::size_t i = 0; i < b.size(); i += 16) {
        fmt::print("{:04X}:", i);
        for (std::size_t j = i; j < std::min(i + 16, b.size()); ++j) fmt::print(" {:02X}", b[j]);
        fmt::print("\n");
    }
}

std::string hex_line(std::span<const std::uint8_t> b) {
    std::string s;
    for (auto v : b) s += fmt::format("{}{:02X}", s.empty() ? "" : " ", v);
    return s;
}

} // namespace spindle::discrec
