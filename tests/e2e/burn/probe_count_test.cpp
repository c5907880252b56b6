// What a burn asks the drive before its first WRITE: one medium probe per burn (TEST UNIT
// READY, GET CONFIGURATION, READ DISC INFORMATION, READ TRACK INFORMATION), however many
// properties and speeds were asked for before it, as long as nothing else reached the drive.
#include "burn_rig.hpp"

#include <fmt/format.h>
#include <map>

using namespace spindle::test;

namespace {

constexpr std::uint8_t get_configuration = 0x46, read_disc_information = 0x51, write10 = 0x2A;

// The commands before the first WRITE(10), counted by opcode.
struct BeforeWrite {
    std::size_t total = 0;
    std::map<std::uint8_t, std::size_t> by_opcode;
    std::size_t count(std::uint8_t op) const {
        auto it = by_opcode.find(op);
        return it == by_opcode.end() ? 0 : it->second;
    }
    std::string text() const {
        std::string out = fmt::format("{} commands:", total);
        for (const auto& [op, n] : by_opcode) out += fmt::format(" {} x{};", command_name(op), n);
        return out;
    }
};

BeforeWrite before_first_write(const BurnRig& rig) {
    BeforeWrite out;
    for (const auto& c : rig.trace->commands()) {
        if (c.cdb[0] == write10) return out;
        ++out.total;
        ++out.by_opcode[c.cdb[0]];
    }
    FAIL("no WRITE(10) was sent");
    return out;
}

// discrec burn --speed 8: the medium described, the speed set and read back, then the write.
BeforeWrite cli_burn(const std::string& preset, std::int32_t sectors_per_second) {
    BurnRig rig(preset);
    rig.trace->clear();
    auto w = rig.writer();
    auto probe = w.probe();
    REQUIRE(probe);
    REQUIRE((probe->media_state & media_state::blank) != 0);
    REQUIRE(w.set_write_speed(sectors_per_second, false));
    REQUIRE(w.current_write_speed());
    auto s = memory_stream(image(1024 * 1024));
    auto r = w.write(*s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().to_string()));
    auto counted = before_first_write(rig);
    MESSAGE(preset, " discrec burn --speed: ", counted.text());
    return counted;
}

// A write on its own: DataWriter::write with nothing asked before.
BeforeWrite plain_burn(const std::string& preset) {
    BurnRig rig(preset);
    rig.trace->clear();
    REQUIRE(rig.burn(image(1024 * 1024), false));
    auto counted = before_first_write(rig);
    MESSAGE(preset, " write: ", counted.text());
    return counted;
}

} // namespace

TEST_CASE("measure") {
    cli_burn("blank dvd+r", 8 * 676);
    cli_burn("blank cd-r", 8 * 75);
    plain_burn("blank dvd+r");
    plain_burn("blank cd-r");
}
