#pragma once
// A scratch directory per test, and helpers to look at kept discs.
#include "emulator/media/disc_json.hpp"
#include "emulator/media/medium_files.hpp"
#include "emulator/media/presets.hpp"
#include "read/read_fixture.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace spindle::test {

struct TempDir {
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "spindle-persist-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::filesystem::path operator/(std::string_view name) const { return path / name; }
    std::filesystem::path path;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

inline void spit(const std::filesystem::path& p, std::string_view text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << text;
}

template <typename T>
T value_or_fail(std::expected<T, std::string> e) {
    REQUIRE_MESSAGE(e.has_value(), (e ? std::string() : e.error()));
    return std::move(*e);
}

// The error of an expected that must have failed.
template <typename T>
std::string error_of(const std::expected<T, std::string>& e) {
    REQUIRE_FALSE(e.has_value());
    return e.error();
}

} // namespace spindle::test
