#pragma once
// The fields of the mode pages a burner reads and sets, by their MMC-6 names: 01h Read/Write
// Error Recovery (7.3), 05h Write Parameters (7.5), 2Ah CD/DVD Capabilities and Mechanical
// Status (7.10). Other pages are not decoded here: discrec shows them as bytes.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>

namespace spindle::discrec {

// The page's fields in page order; null for a page not decoded here or too short for its fields.
nlohmann::ordered_json mode_page_fields(std::span<const std::uint8_t> page);

} // namespace spindle::discrec
