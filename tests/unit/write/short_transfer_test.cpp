// A WRITE whose data-out is shorter than its transfer length: the blocks sent are stored, the
// rest is zeros, and the memory the drive uses follows what was sent, not what the CDB claims.
#include "write/write_fixture.hpp"

#include <algorithm>

using namespace spindle;
using namespace spindle::test;

namespace {

// Passes writes to the disc's own store and remembers the largest single one.
class LargestWrite final : public BlockStore {
public:
    explicit LargestWrite(std::unique_ptr<BlockStore> inner) : inner_(std::move(inner)) {}
    bool read(std::uint32_t lba, std::span<std::uint8_t> out) override { return inner_->read(lba, out); }
    bool write(std::uint32_t lba, std::span<const std::uint8_t> in) override {
        *largest = std::max(*largest, in.size());
        return inner_->write(lba, in);
    }
    bool flush() override { return inner_->flush(); }
    std::shared_ptr<std::size_t> largest = std::make_shared<std::size_t>(0);

private:
    std::unique_ptr<BlockStore> inner_;
};

} // namespace

TEST_CASE("a WRITE of more blocks than the data-out holds stores what was sent and zeros, a chunk at a time") {
    auto m = make_medium("formatted bd-re");
    REQUIRE(m);
    auto store = std::make_unique<LargestWrite>(std::move((*m)->store));
    const auto largest = store->largest;
    (*m)->store = std::move(store);
    Writer w("formatted bd-re");
    w.load(std::move(*m));
    REQUIRE(w.write(0, 4, 9).good()); // something under the zeros to come

    // WRITE(10) of 65535 blocks (128 MiB) with one block and 100 bytes sent.
    auto sent = pattern_blocks(3, 0, 2);
    sent.resize(2048 + 100);
    REQUIRE(w.run(as_vector(scsi::cdb::write10(0, 0xFFFF)), 0, sent).good());
    CHECK(*largest <= 64 * 1024);

    const auto r = w.read(0, 4);
    REQUIRE(r.good());
    CHECK(std::equal(sent.begin(), sent.end(), r.data.begin()));
    CHECK(std::all_of(r.data.begin() + static_cast<std::ptrdiff_t>(sent.size()), r.data.end(),
                      [](std::uint8_t b) { return b == 0; }));
}
