#pragma once
// Bytes as people type and read them: "12 00 00 00 24 00" in, a 16-a-line dump or one line out.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace spindle::discrec {

// Hex digit pairs; spaces, ':' and '-' between them are ignored. nullopt for anything else.
std::optional<std::vector<std::uint8_t>> parse_hex(const std::string& text);
void print_hexdump(std::span<const std::uint8_t> bytes);   // "0000: 2A 32 ..." lines on stdout
std::string hex_line(std::span<const std::uint8_t> bytes); // "2A 32 3F"

} // namespace spindle::discrec
