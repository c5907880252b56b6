#include "emulator/profile/mode_page_writer.hpp"

#include "emulator/profile/mode_page_layouts.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>
#include <vector>

namespace spindle::profile_yaml {

namespace {

using Fields = std::vector<std::pair<std::string_view, std::uint32_t>>;

// Length of the fixed part of `bytes` if the layout can describe its shape, else nullopt.
std::optional<std::size_t> fixed_length(const ModePageLayout& layout, scsi::ByteView bytes) {
    if (bytes.size() < layout.length || bytes[1] + 2u != bytes.size()) return std::nullopt;
    if (!layout.has_write_speed_descriptors) {
        if (bytes.size() != layout.length) return std::nullopt;
        return layout.length;
    }
    const auto count = scsi::get_be16(bytes, page_2a::descriptor_count_offset);
    if (bytes.size() != page_2a::first_descriptor + count * page_2a::descriptor_size) return std::nullopt;
    for (std::size_t at = page_2a::first_descriptor; at < bytes.size(); at += page_2a::descriptor_size)
        if (bytes[at] != 0 || bytes[at + 1] > page_2a::rotation_cav) return std::nullopt;
    return layout.length;
}

// Every bit of bytes[2..length) that no field (or the descriptor count) names.
bool covered(const ModePageLayout& layout, scsi::ByteView bytes, std::size_t length) {
    std::vector<std::uint8_t> mask(length, 0);
    for (const auto& f : layout.fields) put_field(mask, f, field_max(f));
    if (layout.has_write_speed_descriptors) {
        mask[page_2a::descriptor_count_offset] = 0xFF;
        mask[page_2a::descriptor_count_offset + 1] = 0xFF;
    }
    if ((bytes[0] & 0x40) != 0) return false;
    for (std::size_t i = 2; i < length; ++i)
        if ((bytes[i] & ~mask[i]) != 0) return false;
    return true;
}

std::optional<Fields> nonzero_fields(const ModePageLayout& layout, scsi::ByteView bytes, std::size_t length) {
    if (!covered(layout, bytes, length)) return std::nullopt;
    Fields out;
    for (const auto& f : layout.fields)
        if (const auto v = get_field(bytes, f); v != 0) out.emplace_back(f.name, v);
    return out;
}

void write_values(std::string& out, std::string_view key, std::uint8_t page, scsi::ByteView bytes) {
    const auto* layout = mode_page_layout(page);
    const auto length = layout ? fixed_length(*layout, bytes) : std::nullopt;
    const auto fields = length ? nonzero_fields(*layout, bytes, *length) : std::nullopt;
    if (!fields) {
        out += fmt::format("    {}: \"{}\"\n", key, hex_string(bytes));
        return;
    }
    if (fields->empty() && bytes.size() == *length) {
        out += fmt::format("    {}: {{}}\n", key);
        return;
    }
    out += fmt::format("    {}:\n", key);
    for (const auto& [name, value] : *fields) out += fmt::format("      {}: {}\n", name, value);
    if (bytes.size() > *length || layout->has_write_speed_descriptors) {
        out += "      write_speed_descriptors:";
        out += bytes.size() > *length ? "\n" : " []\n";
        for (std::size_t at = *length; at < bytes.size(); at += page_2a::descriptor_size)
            out += fmt::format("        - {{rotation: {}, speed: {}}}\n",
                               bytes[at + 1] == page_2a::rotation_cav ? "cav" : "clv", scsi::get_be16(bytes, at + 2));
    }
}

// A mask as field names (each field all or nothing), field masks, or hex.
void write_changeable(std::string& out, std::uint8_t page, scsi::ByteView mask, scsi::ByteView current) {
    bool any = false;
    for (std::size_t i = 2; i < mask.size(); ++i) any = any || mask[i] != 0;
    const bool header_matches = mask.size() == current.size() && mask[0] == current[0] && mask[1] == current[1];
    if (!any && header_matches) return; // the loader's default: nothing changeable
    const auto* layout = mode_page_layout(page);
    std::optional<Fields> fields;
    if (layout && header_matches && mask.size() >= layout->length) {
        bool tail_zero = true;
        for (std::size_t i = layout->length; i < mask.size(); ++i) tail_zero = tail_zero && mask[i] == 0;
        // The descriptor count is not a field; a mask over it needs hex.
        const bool count_masked = layout->has_write_speed_descriptors &&
                                  (mask[page_2a::descriptor_count_offset] | mask[page_2a::descriptor_count_offset + 1]);
        if (tail_zero && !count_masked) fields = nonzero_fields(*layout, mask, layout->length);
    }
    if (!fields) {
        out += fmt::format("    changeable: \"{}\"\n", hex_string(mask));
        return;
    }
    bool all_or_nothing = true;
    for (const auto& [name, value] : *fields)
        all_or_nothing = all_or_nothing && value == field_max(*find_field(*layout, name));
    std::string list;
    for (const auto& [name, value] : *fields) {
        if (!list.empty()) list += ", ";
        list += all_or_nothing ? fmt::format("{}", name) : fmt::format("{}: 0x{:X}", name, value);
    }
    out += all_or_nothing ? fmt::format("    changeable: [{}]\n", list) : fmt::format("    changeable: {{{}}}\n", list);
}

} // namespace

std::string hex_string(scsi::ByteView bytes) {
    std::string out;
    for (auto b : bytes) {
        if (!out.empty()) out += ' ';
        out += fmt::format("{:02X}", b);
    }
    return out;
}

void write_mode_page(std::string& out, std::uint8_t page, const ModePageValues& values) {
    const auto* layout = mode_page_layout(page);
    out += fmt::format("  - page: 0x{:02X}{}\n", page, layout ? fmt::format("  # {}", layout->title) : "");
    write_values(out, "current", page, values.current);
    if (values.default_values != values.current) write_values(out, "default", page, values.default_values);
    write_changeable(out, page, values.changeable, values.current);
}

} // namespace spindle::profile_yaml
