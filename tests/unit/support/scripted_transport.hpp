#pragma once
// A drive that says whatever a test (or a fuzzer) scripts: each command takes the next answer,
// truncated or padded exactly as the kernel would deliver it. When the script runs out the
// device is gone (DID_NO_CONNECT), so a retry loop over a hostile drive always ends.
#include "recorder/transport/scsi_transport.hpp"

#include <algorithm>
#include <deque>
#include <optional>
#include <vector>

namespace spindle::test {

struct ScriptedAnswer {
    std::uint8_t status = 0x00;      // SCSI status: 00 GOOD, 02 CHECK CONDITION, 08 BUSY
    std::vector<std::uint8_t> data;  // data-in the drive sends (cut to the initiator's buffer)
    std::vector<std::uint8_t> sense; // with CHECK CONDITION
    recorder::TransportStatus transport = recorder::TransportStatus::Ok;
    // A residual as a broken driver might report it, whatever was delivered.
    std::optional<std::size_t> residual;
    std::chrono::milliseconds duration{0}; // SG_IO's duration: how long the kernel waited
};

class ScriptedTransport final : public recorder::ScsiTransport {
public:
    std::deque<ScriptedAnswer> answers;
    std::vector<std::vector<std::uint8_t>> cdbs; // what was asked, in order

    ScriptedTransport& then(ScriptedAnswer a) {
        answers.push_back(std::move(a));
        return *this;
    }
    ScriptedTransport& then_data(std::vector<std::uint8_t> data) {
        ScriptedAnswer a;
        a.data = std::move(data);
        return then(std::move(a));
    }

    recorder::Result<recorder::ScsiResult> execute(const recorder::ScsiRequest& request) override {
        cdbs.emplace_back(request.cdb.begin(), request.cdb.end());
        recorder::ScsiResult r;
        r.residual = request.data_in.size();
        if (answers.empty()) {
            r.transport = recorder::TransportStatus::NoConnect;
            return r;
        }
        ScriptedAnswer a = std::move(answers.front());
        answers.pop_front();
        r.transport = a.transport;
        r.status = a.status;
        r.duration = a.duration;
        // As SG_IO: the buffer receives at most its size; the residual is what was not filled.
        const std::size_t n = std::min(a.data.size(), request.data_in.size());
        std::copy_n(a.data.begin(), n, request.data_in.begin());
        r.residual = a.residual.value_or(request.data_in.size() - n);
        a.sense.resize(std::min(a.sense.size(), recorder::ScsiResult::max_sense));
        r.sense = std::move(a.sense);
        return r;
    }
    recorder::TransferLimits limits() const override { return {}; }
    recorder::Result<void> set_exclusive(bool exclusive, std::string_view) override {
        exclusive_ = exclusive;
        return {};
    }
    bool exclusive() const override { return exclusive_; }
    std::string exclusive_access_owner() override { return {}; }
    std::string device_name() const override { return "scripted:"; }
    void pause(std::chrono::milliseconds) override {} // a script has no time

private:
    bool exclusive_ = false;
};

// 36 bytes of standard INQUIRY data of an MMC drive (SPC-4 table 142).
inline std::vector<std::uint8_t> mmc_inquiry() {
    std::vector<std::uint8_t> d{0x05, 0x80, 0x05, 0x32, 31, 0, 0, 0};
    for (char c : std::string_view("SPINDLE Hostile Drive    1.00")) d.push_back(static_cast<std::uint8_t>(c));
    d.resize(36, ' ');
    return d;
}

// Fixed-format sense data (SPC-4 table 48) of `key`/`asc`/`ascq`.
inline std::vector<std::uint8_t> fixed_sense(std::uint8_t key, std::uint8_t asc, std::uint8_t ascq) {
    return {0x70, 0, key, 0, 0, 0, 0, 10, 0, 0, 0, 0, asc, ascq, 0, 0, 0, 0};
}

// CHECK CONDITION with `sense` (as sent: any length, any content).
inline ScriptedAnswer check_condition(std::vector<std::uint8_t> sense) {
    ScriptedAnswer a;
    a.status = 0x02;
    a.sense = std::move(sense);
    return a;
}

// What a recorder reads when it attaches: INQUIRY's header, the whole INQUIRY, and the unit
// serial number page, which this drive lacks (5/24/00, as many drives answer).
inline void answer_attach(ScriptedTransport& t) {
    t.then_data(mmc_inquiry()).then_data(mmc_inquiry());
    t.then(check_condition(fixed_sense(0x05, 0x24, 0x00)));
}

} // namespace spindle::test
