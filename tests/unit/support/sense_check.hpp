#pragma once
// Whole fixed sense in checks: CHECK(sense_of(r) == sense(0x5, 0x24, 0x00).with_field_pointer(...))
// compares all 18 bytes of the fixed format (SPC-4 4.5.3, table 26) — key, ASC/ASCQ, VALID and
// INFORMATION, COMMAND-SPECIFIC INFORMATION and the sense-key-specific field pointer or
// progress — and a failure prints both sides in full. The expectation is built with
// scsi::SenseData, so it names the field the drive should point at, not bytes copied from it.
#include "emulator/drive/command.hpp"
#include "scsi/sense.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

namespace spindle::test {

struct FixedSense {
    bool check_condition = true; // false: the command completed GOOD (no sense to compare)
    std::array<std::uint8_t, scsi::SenseData::fixed_length> bytes{};

    FixedSense() = default;
    FixedSense(const scsi::SenseData& s) : bytes(s.bytes()) {} // NOLINT: implicit by design

    friend bool operator==(const FixedSense& a, const FixedSense& b) {
        return a.check_condition == b.check_condition && (!a.check_condition || a.bytes == b.bytes);
    }
};

inline FixedSense sense_of(const Completion& c) {
    FixedSense f;
    f.check_condition = !c.good();
    if (f.check_condition) f.bytes = c.sense.bytes();
    return f;
}
template <typename R>
requires requires(const R& r) { r.completion; }
FixedSense sense_of(const R& r) { return sense_of(r.completion); }

// A sense with no information fields: key, ASC, ASCQ.
inline scsi::SenseData sense(int key, int asc, int ascq) {
    return scsi::SenseData(static_cast<scsi::SenseKey>(key), static_cast<std::uint8_t>(asc),
                           static_cast<std::uint8_t>(ascq));
}

} // namespace spindle::test

template <>
struct doctest::StringMaker<spindle::test::FixedSense> {
    static String convert(const spindle::test::FixedSense& f) {
        if (!f.check_condition) return "GOOD";
        std::string out;
        char buf[8];
        for (std::size_t i = 0; i < f.bytes.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%s%02X", i == 0 ? "" : " ", f.bytes[i]);
            out += buf;
        }
        const auto decoded = spindle::scsi::SenseData::decode(f.bytes);
        return String((out + " (" + (decoded ? decoded->code_text() : std::string("?")) + ")").c_str());
    }
};
