#pragma once
// `discrec info --map FILE.svg`: the disc drawn to scale in one row (tracks by session, the gaps
// between them, the free space after the next writable address), from what gather_info read.
#include <nlohmann/json.hpp>

#include <string>

namespace spindle::discrec {

// An SVG document. Every box carries data-start and data-size (sectors) and the root
// data-origin (px) and data-scale (px per sector): x = origin + start * scale, width = size * scale.
std::string disc_map_svg(const nlohmann::json& info);

} // namespace spindle::discrec
