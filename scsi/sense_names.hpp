#pragma once
// Names of sense keys and additional sense codes, for logs and tools.
#include "scsi/sense_codes.hpp"

#include <string>
#include <string_view>

namespace spindle::scsi {

std::string_view sense_key_name(SenseKey key);
// The T10 name of an ASC/ASCQ pair spindle knows, or "ASC xxh ASCQ xxh".
std::string asc_name(std::uint8_t asc, std::uint8_t ascq);

} // namespace spindle::scsi
