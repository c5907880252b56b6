#pragma once
// What the recorder returns when something fails: the IMAPI2 HRESULT, the raw sense bytes
// and the CDB that failed, so a caller can both compare codes and show what happened.
#include "recorder/hresult.hpp"

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

namespace spindle::recorder {

class Error {
public:
    explicit Error(HResult hr, std::string detail = {}) : hr_(hr), detail_(std::move(detail)) {}

    Error& with_sense(std::span<const std::uint8_t> sense);
    Error& with_cdb(std::span<const std::uint8_t> cdb);
    Error& with_errno(int e) {
        errno_ = e;
        return *this;
    }

    HResult hresult() const { return hr_; }
    const std::vector<std::uint8_t>& sense() const { return sense_; }
    const std::vector<std::uint8_t>& cdb() const { return cdb_; }
    const std::string& detail() const { return detail_; }
    int sys_errno() const { return errno_; } // 0 unless a system call failed

    std::string name() const;         // "E_IMAPI_RECORDER_MEDIA_NO_MEDIA"
    std::string_view message() const; // imapi2error.h MessageText, empty for unknown values
    // "E_IMAPI_RECORDER_MEDIA_NO_MEDIA (0xC0AA0202): There is no media in the device.
    //  [detail] [CDB 5A 00 2A ...] [sense 2/3A/01]"
    std::string to_string() const;

private:
    HResult hr_;
    std::string detail_;
    std::vector<std::uint8_t> sense_;
    std::vector<std::uint8_t> cdb_;
    int errno_ = 0;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(HResult hr, std::string detail = {}) {
    return std::unexpected(Error(hr, std::move(detail)));
}

} // namespace spindle::recorder
