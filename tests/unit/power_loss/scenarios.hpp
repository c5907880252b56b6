#pragma once
// What the power-loss tests burn: per medium kind, a short script of what burners send (writes,
// SYNCHRONIZE CACHE, CLOSE TRACK/SESSION, finalizing, BLANK, FORMAT UNIT), on a disc kept in a
// MemoryStorage from a durable start.
#include "power_loss/burner.hpp"

#include <span>
#include <string_view>

namespace spindle::test {

struct Scenario {
    std::string_view name;
    std::string_view preset; // media/presets.hpp
    void (*burn)(Burner&);
};

std::span<const Scenario> power_loss_scenarios();

// A storage holding the scenario's blank disc at power_loss_image, all of it durable.
MemoryStorage starting_storage(const Scenario& s);

} // namespace spindle::test
