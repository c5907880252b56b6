#pragma once
// A small profile whose identity strings the byte-exact tests below spell out.
#include "support/test_drive.hpp"

namespace spindle::test {

inline constexpr std::string_view small_profile_yaml = R"(
identity:
  vendor: ACME
  product: Writer 9000
  revision: "1.2"
  serial: SN0042
  vendor_specific: "2026/11/21"
profiles: [dvd+r, dvd-rom]
)";

inline DriveProfile small_profile(std::string_view extra = {}) {
    return profile_from_yaml(std::string(small_profile_yaml) + std::string(extra));
}

} // namespace spindle::test
