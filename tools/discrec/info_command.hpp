#pragma once
#include "recorder/disc_recorder.hpp"

#include <nlohmann/json.hpp>

namespace spindle::discrec {

// Everything `discrec info` shows, gathered once; parts the drive cannot answer (no disc)
// are recorded as errors, not fatal.
nlohmann::json gather_info(recorder::DiscRecorder& rec);
void print_info(const nlohmann::json& info);

} // namespace spindle::discrec
