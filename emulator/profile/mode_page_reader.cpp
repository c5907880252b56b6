#include "emulator/profile/mode_page_reader.hpp"

#include "emulator/profile/mode_page_layouts.hpp"

#include <fmt/format.h>

namespace spindle::profile_yaml {

namespace {

constexpr std::size_t max_page_bytes = 255 + 2;

std::string field_names(const ModePageLayout& layout) {
    std::string out;
    for (const auto& f : layout.fields) {
        if (!out.empty()) out += ", ";
        out += f.name;
    }
    if (layout.has_write_speed_descriptors) out += ", write_speed_descriptors";
    return out;
}

class PageReader {
public:
    PageReader(const Reader& r, std::uint8_t page) : r_(r), page_(page), layout_(mode_page_layout(page)) {}

    scsi::Bytes values(const YAML::Node& node, const std::string& path) const {
        if (node.IsMap()) return fields(node, path);
        if (node.IsScalar()) return hex(node, path, true);
        r_.fail(node, path, fmt::format("expected a map of page fields or hex bytes, got {}", describe(node)));
    }

    scsi::Bytes changeable(const YAML::Node& node, const std::string& path, const scsi::Bytes& current) const {
        if (node.IsScalar()) return same_size(hex(node, path, false), current, node, path);
        if (!node.IsMap() && !node.IsSequence())
            r_.fail(node, path,
                    fmt::format("expected a list of field names, a map of field masks or hex bytes, got {}",
                                describe(node)));
        const auto& layout = named_layout(node, path);
        scsi::Bytes mask(current.size(), 0);
        mask[0] = current[0];
        mask[1] = current[1];
        if (node.IsSequence()) {
            r_.expect_list(node, path, layout.fields.size());
            for (std::size_t i = 0; i < node.size(); ++i) {
                const auto& field = field_named(layout, node[i], indexed(path, i));
                put_field(mask, field, field_max(field));
            }
        } else {
            r_.expect_any_map(node, path);
            for (const auto& kv : node) {
                const auto fpath = join(path, kv.first.Scalar());
                const auto& field = field_named(layout, kv.first, fpath);
                put_field(mask, field, r_.number_as<std::uint32_t>(kv.second, fpath, 0, field_max(field)));
            }
        }
        return mask;
    }

    scsi::Bytes same_size(scsi::Bytes bytes, const scsi::Bytes& current, const YAML::Node& node,
                          const std::string& path) const {
        if (bytes.size() != current.size())
            r_.fail(node, path,
                    fmt::format("expected {} bytes, the size of `current`, got {}", current.size(), bytes.size()));
        return bytes;
    }

private:
    const ModePageLayout& named_layout(const YAML::Node& node, const std::string& path) const {
        if (!layout_) r_.fail(node, path, fmt::format("page {:02X}h has no named fields; expected hex bytes", page_));
        return *layout_;
    }

    const ModePageField& field_named(const ModePageLayout& layout, const YAML::Node& name,
                                     const std::string& path) const {
        const auto s = r_.scalar(name, path, "a field name");
        const auto* field = find_field(layout, s);
        if (!field)
            r_.fail(name, path,
                    fmt::format("unknown field of page {:02X}h ({}); expected one of: {}", page_, layout.title,
                                field_names(layout)));
        return *field;
    }

    scsi::Bytes fields(const YAML::Node& node, const std::string& path) const {
        const auto& layout = named_layout(node, path);
        r_.expect_any_map(node, path);
        scsi::Bytes bytes(layout.length, 0);
        bytes[0] = page_;
        bytes[1] = static_cast<std::uint8_t>(layout.length - 2);
        for (const auto& kv : node) {
            const auto fpath = join(path, kv.first.Scalar());
            if (layout.has_write_speed_descriptors && kv.first.Scalar() == "write_speed_descriptors") {
                descriptors(kv.second, fpath, bytes);
                continue;
            }
            const auto& field = field_named(layout, kv.first, fpath);
            put_field(bytes, field, r_.number_as<std::uint32_t>(kv.second, fpath, 0, field_max(field)));
        }
        return bytes;
    }

    // MMC-6 table 608: byte 1 bits 2-0 rotation control, bytes 2-3 write speed in kB/s.
    void descriptors(const YAML::Node& list, const std::string& path, scsi::Bytes& bytes) const {
        r_.expect_list(list, path, page_2a::max_descriptors);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto dpath = indexed(path, i);
            r_.expect_map(list[i], dpath, {"rotation", "speed"});
            const auto rnode = r_.required(list[i], "rotation", dpath, "clv or cav");
            const auto rotation = r_.scalar(rnode, join(dpath, "rotation"), "clv or cav");
            if (rotation != "clv" && rotation != "cav")
                r_.fail(rnode, join(dpath, "rotation"), fmt::format("expected clv or cav, got {}", describe(rnode)));
            const auto speed = r_.number_as<std::uint16_t>(
                r_.required(list[i], "speed", dpath, "a write speed in kB/s"), join(dpath, "speed"), 1, 0xFFFF);
            const auto at = bytes.size();
            bytes.resize(at + page_2a::descriptor_size, 0);
            bytes[at + 1] = rotation == "cav" ? page_2a::rotation_cav : page_2a::rotation_clv;
            scsi::put_be16(bytes, at + 2, speed);
        }
        scsi::put_be16(bytes, page_2a::descriptor_count_offset, static_cast<std::uint16_t>(list.size()));
        bytes[1] = static_cast<std::uint8_t>(bytes.size() - 2);
    }

    // `values`: current or default, where page 2Ah bytes 30-31 are a descriptor count (in a
    // changeable mask they are a mask).
    scsi::Bytes hex(const YAML::Node& node, const std::string& path, bool values) const {
        auto bytes = r_.hex(node, path, max_page_bytes);
        if (bytes.size() < 2)
            r_.fail(node, path,
                    fmt::format("expected the whole page with its 2-byte header, got {} bytes", bytes.size()));
        if ((bytes[0] & 0x3F) != page_)
            r_.fail(node, path,
                    fmt::format("byte 0 gives page code {:02X}h, expected {:02X}h", bytes[0] & 0x3F, page_));
        if ((bytes[0] & 0x40) != 0) r_.fail(node, path, "byte 0 sets SPF: subpages are not supported");
        if (bytes[1] + 2u != bytes.size())
            r_.fail(node, path,
                    fmt::format("the page length byte {:02X}h needs {} bytes in all, got {}", bytes[1], bytes[1] + 2,
                                bytes.size()));
        if (layout_ && bytes.size() < layout_->length)
            r_.fail(
                node, path,
                fmt::format("page {:02X}h is at least {} bytes long, got {}", page_, layout_->length, bytes.size()));
        if (values && layout_ && layout_->has_write_speed_descriptors) {
            const auto count = scsi::get_be16(bytes, page_2a::descriptor_count_offset);
            const auto needed = page_2a::first_descriptor + count * page_2a::descriptor_size;
            if (needed > bytes.size())
                r_.fail(node, path,
                        fmt::format("bytes 30-31 count {} write speed descriptors, which need {} bytes, got {}", count,
                                    needed, bytes.size()));
        }
        return bytes;
    }

    const Reader& r_;
    std::uint8_t page_;
    const ModePageLayout* layout_;
};

} // namespace

std::map<std::uint8_t, ModePageValues> read_mode_pages(const Reader& r, const YAML::Node& list,
                                                       const std::string& path) {
    std::map<std::uint8_t, ModePageValues> pages;
    r.expect_list(list, path, 0x3E);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& entry = list[i];
        const auto epath = indexed(path, i);
        r.expect_map(entry, epath, {"page", "current", "default", "changeable"});
        const auto page_node = r.required(entry, "page", epath, "a page code 0x01..0x3E");
        const auto page = r.number_as<std::uint8_t>(page_node, join(epath, "page"), 0x01, 0x3E);
        if (pages.contains(page))
            r.fail(page_node, join(epath, "page"), fmt::format("page {:02X}h is listed twice", page));

        const PageReader reader(r, page);
        ModePageValues values;
        const auto current = r.required(entry, "current", epath, "a map of page fields or hex bytes");
        values.current = reader.values(current, join(epath, "current"));
        if (const auto node = entry["default"]; node.IsDefined())
            values.default_values = reader.same_size(reader.values(node, join(epath, "default")), values.current, node,
                                                     join(epath, "default"));
        else
            values.default_values = values.current;
        if (const auto node = entry["changeable"]; node.IsDefined()) {
            values.changeable = reader.changeable(node, join(epath, "changeable"), values.current);
        } else {
            values.changeable.assign(values.current.size(), 0);
            values.changeable[0] = values.current[0];
            values.changeable[1] = values.current[1];
        }
        pages.emplace(page, std::move(values));
    }
    return pages;
}

} // namespace spindle::profile_yaml
