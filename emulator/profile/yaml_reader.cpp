#include "emulator/profile/yaml_reader.hpp"

#include <fmt/format.h>

#include <set>

namespace spindle::profile_yaml {

namespace {

int one_based(int zero_based) { return zero_based >= 0 ? zero_based + 1 : 0; }

std::string key_list(std::initializer_list<std::string_view> keys) {
    std::string out;
    for (auto k : keys) {
        if (!out.empty()) out += ", ";
        out += k;
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: {
        // Numbers as they are ("got 7"), anything else quoted ("got 'maybe'").
        const auto& s = node.Scalar();
        const bool numeric = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
        if (numeric || parse_number(s)) return s.size() > 40 ? s.substr(0, 40) + "..." : s;
        if (s.size() > 40) return fmt::format("'{}...'", s.substr(0, 40));
        return fmt::format("'{}'", s);
    }
    default: return "nothing";
    }
}

std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}
std::string indexed(const std::string& path, std::size_t index) { return fmt::format("{}[{}]", path, index); }

std::optional<std::uint64_t> parse_number(std::string_view s) {
    unsigned base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    }
    if (s.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : s) {
        const int d = base == 16 ? hex_digit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
        if (d < 0) return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(d);
        if (value > (UINT64_MAX - digit) / base) return std::nullopt;
        value = value * base + digit;
    }
    return value;
}

void Reader::fail(const YAML::Mark& mark, std::string field, std::string message) const {
    throw LoadFailure{
        ProfileError{file_, one_based(mark.line), one_based(mark.column), std::move(field), std::move(message)}};
}

void Reader::expect_any_map(const YAML::Node& node, const std::string& path) const {
    if (!node.IsMap()) fail(node, path, fmt::format("expected a map, got {}", describe(node)));
    std::set<std::string> seen;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) fail(kv.first, path, fmt::format("expected a key, got {}", describe(kv.first)));
        if (!seen.insert(kv.first.Scalar()).second) fail(kv.first, join(path, kv.first.Scalar()), "duplicate key");
    }
}

void Reader::expect_map(const YAML::Node& node, const std::string& path,
                        std::initializer_list<std::string_view> allowed) const {
    expect_any_map(node, path);
    for (const auto& kv : node) {
        const auto& key = kv.first.Scalar();
        bool known = false;
        for (auto a : allowed) known = known || a == key;
        if (!known) fail(kv.first, join(path, key), fmt::format("unknown key; expected one of: {}", key_list(allowed)));
    }
}

void Reader::expect_list(const YAML::Node& node, const std::string& path, std::size_t max_items) const {
    if (!node.IsSequence()) fail(node, path, fmt::format("expected a list, got {}", describe(node)));
    if (node.size() > max_items)
        fail(node, path, fmt::format("expected at most {} entries, got {}", max_items, node.size()));
}

YAML::Node Reader::required(const YAML::Node& map, std::string_view key, const std::string& path,
                            std::string_view expected) const {
    const YAML::Node value = map[std::string(key)];
    if (!value.IsDefined()) fail(map, join(path, key), fmt::format("missing; expected {}", expected));
    return value;
}

std::string Reader::scalar(const YAML::Node& node, const std::string& path, std::string_view expected) const {
    if (!node.IsScalar()) fail(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
    return node.Scalar();
}

std::uint64_t Reader::number(const YAML::Node& node, const std::string& path, std::uint64_t min,
                             std::uint64_t max) const {
    const auto expected = max == 1 && min == 0 ? std::string("0 or 1")
                          : max <= 255         ? fmt::format("a number in {}..{}", min, max)
                                               : fmt::format("a number in {}..{} (0x{:X})", min, max, max);
    const auto value = parse_number(scalar(node, path, expected));
    if (!value || *value < min || *value > max)
        fail(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
    return *value;
}

bool Reader::boolean(const YAML::Node& node, const std::string& path) const {
    const auto s = scalar(node, path, "true or false");
    if (s == "true") return true;
    if (s == "false") return false;
    fail(node, path, fmt::format("expected true or false, got {}", describe(node)));
}

std::string Reader::text(const YAML::Node& node, const std::string& path, std::size_t max_length) const {
    const auto expected = fmt::format("a string of at most {} printable ASCII characters", max_length);
    if (node.IsNull()) return {};
    auto s = scalar(node, path, expected);
    if (s.size() > max_length) fail(node, path, fmt::format("expected {}, got {} characters", expected, s.size()));
    for (char c : s)
        if (c < 0x20 || c > 0x7E)
            fail(node, path,
                 fmt::format("expected {}, got the byte 0x{:02X}", expected, static_cast<unsigned char>(c)));
    return s;
}

scsi::Bytes Reader::hex(const YAML::Node& node, const std::string& path, std::size_t max_bytes) const {
    const auto expected = fmt::format("hex bytes such as \"00 0A 1F\" (at most {} bytes)", max_bytes);
    if (node.IsNull()) return {};
    const auto s = scalar(node, path, expected);
    scsi::Bytes out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ') {
            ++i;
            continue;
        }
        if (i + 1 >= s.size() || hex_digit(s[i]) < 0 || hex_digit(s[i + 1]) < 0)
            fail(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
        if (out.size() == max_bytes) fail(node, path, fmt::format("expected {}, got more", expected));
        out.push_back(static_cast<std::uint8_t>(hex_digit(s[i]) * 16 + hex_digit(s[i + 1])));
        i += 2;
    }
    return out;
}

} // namespace spindle::profile_yaml
