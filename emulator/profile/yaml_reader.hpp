#pragma once
// Typed, located reads from a yaml-cpp tree. Every failure throws LoadFailure carrying a
// ProfileError (file:line:column, field path, what was expected and what was found); the
// loader's entry points turn it into std::unexpected, so no half-read profile escapes.
#include "emulator/profile/profile_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace spindle::profile_yaml {

struct LoadFailure {
    ProfileError error;
};

// "a map", "a list", "nothing", or the scalar quoted: what an error says it found.
std::string describe(const YAML::Node& node);

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Mark& mark, std::string field, std::string message) const;
    [[noreturn]] void fail(const YAML::Node& at, std::string field, std::string message) const {
        fail(at.Mark(), std::move(field), std::move(message));
    }

    // A map whose keys are all among `allowed`, none twice.
    void expect_map(const YAML::Node& node, const std::string& path,
                    std::initializer_list<std::string_view> allowed) const;
    // A map of any keys, none twice (the caller checks the keys).
    void expect_any_map(const YAML::Node& node, const std::string& path) const;
    // A list of at most `max_items` entries.
    void expect_list(const YAML::Node& node, const std::string& path, std::size_t max_items) const;
    // `map[key]`, which must be there.
    YAML::Node required(const YAML::Node& map, std::string_view key, const std::string& path,
                        std::string_view expected) const;

    std::string scalar(const YAML::Node& node, const std::string& path, std::string_view expected) const;
    // Decimal or 0x-prefixed hex in min..max.
    std::uint64_t number(const YAML::Node& node, const std::string& path, std::uint64_t min, std::uint64_t max) const;
    template <class T>
    T number_as(const YAML::Node& node, const std::string& path, std::uint64_t min, std::uint64_t max) const {
        return static_cast<T>(number(node, path, min, max));
    }
    bool boolean(const YAML::Node& node, const std::string& path) const;
    // Printable ASCII of at most `max_length` characters.
    std::string text(const YAML::Node& node, const std::string& path, std::size_t max_length) const;
    // Hex byte pairs, spaces allowed between bytes, at most `max_bytes` bytes.
    scsi::Bytes hex(const YAML::Node& node, const std::string& path, std::size_t max_bytes) const;

    const std::string& file() const { return file_; }

private:
    std::string file_;
};

// "a.b" or "b" when the parent path is empty; "a[3]" for list entries.
std::string join(const std::string& path, std::string_view key);
std::string indexed(const std::string& path, std::size_t index);
// Parses decimal or 0x hex; nullopt when it is not a number or exceeds 64 bits.
std::optional<std::uint64_t> parse_number(std::string_view text);

} // namespace spindle::profile_yaml
