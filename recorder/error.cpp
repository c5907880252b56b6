#include "recorder/error.hpp"

#include "scsi/sense.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace spindle::recorder {

Error& Error::with_sense(std::span<const std::uint8_t> sense) {
    sense_.assign(sense.begin(), sense.end());
    return *this;
}

Error& Error::with_cdb(std::span<const std::uint8_t> cdb) {
    cdb_.assign(cdb.begin(), cdb.end());
    return *this;
}

std::string Error::name() const { return hresult_name(hr_); }

std::string_view Error::message() const {
    if (auto row = find_hresult(hr_)) return row->message;
    return {};
}

std::string Error::to_string() const {
    std::string out = fmt::format("{} (0x{:08X})", name(), hr_);
    if (!message().empty()) out += fmt::format(": {}", message());
    if (!detail_.empty()) out += fmt::format(" [{}]", detail_);
    if (!cdb_.empty()) out += fmt::format(" [CDB {:02X}]", fmt::join(cdb_, " "));
    if (auto s = scsi::SenseData::decode(sense_)) out += fmt::format(" [sense {}]", s->code_text());
    return out;
}

} // namespace spindle::recorder
