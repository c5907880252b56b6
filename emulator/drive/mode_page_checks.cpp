#include "emulator/drive/mode_page_checks.hpp"

#include "emulator/drive/write_parameters.hpp"

#include <array>
#include <utility>

namespace spindle::mode {

namespace {
// By page code: write parameters (05h) against the loaded medium.
constexpr std::array<std::pair<std::uint8_t, PageCheck>, 1> checks{{
    {0x05, check_write_parameters_page},
}};
} // namespace

PageCheck page_check(std::uint8_t code) {
    for (const auto& [page_code, check] : checks)
        if (page_code == code) return check;
    return nullptr;
}

} // namespace spindle::mode
