#pragma once
// A drive under test: built from a YAML profile (inline text or the default), on a virtual
// clock, with a helper that sends a CDB (a scsi::cdb builder's, or raw bytes where a test
// means them) and returns exactly what came back.
#include "emulator/drive/drive.hpp"
#include "emulator/profile/profile_loader.hpp"
#include "scsi/cdb_block.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mechanism.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"
#include "support/sense_check.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <stdexcept>
#include <vector>

namespace spindle::test {

struct Result {
    Completion completion;
    std::vector<std::uint8_t> data; // the data-in bytes the drive returned

    bool good() const { return completion.good(); }
    // "5/24/00" style, so a failing CHECK shows the whole sense at a glance.
    std::string sense() const { return completion.good() ? std::string("GOOD") : completion.sense.code_text(); }
    std::array<std::uint8_t, scsi::SenseData::fixed_length> sense_bytes() const { return completion.sense.bytes(); }
};

inline DriveProfile profile_from_yaml(std::string_view yaml) {
    auto p = load_profile_text(yaml, "<test>");
    if (!p) throw std::runtime_error(p.error().to_string());
    return *p;
}

class TestDrive {
public:
    explicit TestDrive(DriveProfile profile = default_profile(), DriveOptions options = {})
        : drive(std::move(profile), clock, std::move(options)) {}

    // Sends `cdb` with `data_out`, offering a data-in buffer of `data_in_capacity` bytes.
    Result run(std::vector<std::uint8_t> cdb, std::size_t data_in_capacity = 0,
               std::vector<std::uint8_t> data_out = {}) {
        std::vector<std::uint8_t> in(data_in_capacity, 0xEE); // poison: unwritten bytes show up
        Result r;
        r.completion = drive.execute(Command{cdb, data_out, in});
        in.resize(r.completion.data_in_length);
        r.data = std::move(in);
        return r;
    }
    // The same, with a CDB from a scsi::cdb builder.
    template <std::size_t N>
    Result run(const scsi::CdbBytes<N>& cdb, std::size_t data_in_capacity = 0,
               std::vector<std::uint8_t> data_out = {}) {
        return run(std::vector<std::uint8_t>(cdb.begin(), cdb.end()), data_in_capacity, std::move(data_out));
    }

    // Consumes the power-on unit attention, so a test starts from a quiet drive.
    TestDrive& settled() {
        while (!drive.state().unit_attentions.empty()) run(scsi::cdb::test_unit_ready());
        return *this;
    }

    VirtualClock clock; // declared first: the drive keeps a reference to it
    Drive drive;
};

// A builder's CDB where a test keeps CDBs of different lengths together.
template <std::size_t N>
std::vector<std::uint8_t> as_vector(const scsi::CdbBytes<N>& cdb) {
    return {cdb.begin(), cdb.end()};
}

inline std::vector<std::uint8_t> bytes(std::initializer_list<int> v) {
    std::vector<std::uint8_t> out;
    for (int b : v) out.push_back(static_cast<std::uint8_t>(b));
    return out;
}

} // namespace spindle::test
