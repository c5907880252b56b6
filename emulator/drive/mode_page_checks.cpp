#include "emulator/drive/mode_page_checks.hpp"

#include <array>
#include <utility>

namespace spindle::mode {

namespace {
// By page code. Empty for now: write parameters (05h) against the loaded medium come with
// the writing commands.
constexpr std::array<std::pair<std::uint8_t, PageCheck>, 0> checks{};
} // namespace

PageCheck page_check(std::uint8_t code) {
    for (const auto& [page_code, check] : checks)
        if (page_code == code) return check;
    return nullptr;
}

} // namespace spindle::mode
