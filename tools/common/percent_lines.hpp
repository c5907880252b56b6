#pragma once
// Progress as plain lines on stderr, one as each ten percent is passed ("exporting: 40%"): what
// `mmc-emu export` and `discrec read` print while they copy a disc.
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace spindle::cli {

class PercentLines {
public:
    PercentLines(std::string what, bool quiet) : what_(std::move(what)), quiet_(quiet) {}
    void operator()(std::uint64_t done, std::uint64_t total) {
        const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
        if (quiet_ || percent / 10 == shown_ / 10) return;
        shown_ = percent;
        fmt::print(stderr, "{}: {}%\n", what_, percent);
    }

private:
    std::string what_;
    bool quiet_;
    int shown_ = -1;
};

} // namespace spindle::cli
