#include "tcmu_ring/ring_builder.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace spindle;
using namespace spindle::tcmu;
using spindle::test::inquiry_cdb;
using spindle::test::RingBuilder;

namespace {
const std::vector<std::uint8_t> read10_cdb = {0x28, 0, 0, 0, 0, 16, 0, 0, 2, 0};
} // namespace

TEST_CASE("read_layout accepts the kernel's mailbox and reports its capabilities") {
    RingBuilder r;
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    CHECK(l->cmdr_off == RingBuilder::cmdr_off);
    CHECK(l->cmdr_size == 1024);
    CHECK(l->out_of_order());
    CHECK(l->read_length());
    CHECK(l->data_start() == RingBuilder::cmdr_off + 1024);
}

TEST_CASE("read_layout rejects a wrong version, a ring outside the map and a head outside the ring") {
    RingBuilder r;
    SUBCASE("version") { r.put<std::uint16_t>(offsetof(tcmu_mailbox, version), 1); }
    SUBCASE("ring past the map") { r.put<std::uint32_t>(offsetof(tcmu_mailbox, cmdr_size), 1u << 30); }
    SUBCASE("ring over the mailbox") { r.put<std::uint32_t>(offsetof(tcmu_mailbox, cmdr_off), 8); }
    SUBCASE("head outside") { r.put<std::uint32_t>(offsetof(tcmu_mailbox, cmd_head), 4096); }
    SUBCASE("tail misaligned") { r.put<std::uint32_t>(offsetof(tcmu_mailbox, cmd_tail), 4); }
    CHECK_FALSE(read_layout(r.bytes()));
    CHECK_FALSE(read_layout(std::span(r.bytes()).first(16)));
}

TEST_CASE("cdb_length follows the group code and the variable-length CDB's additional length") {
    const std::uint8_t six[6] = {0x00};
    const std::uint8_t ten[10] = {0x25};
    const std::uint8_t twelve[12] = {0xA8};
    const std::uint8_t sixteen[16] = {0x88};
    std::uint8_t var[40] = {0x7F};
    var[7] = 24;
    CHECK(cdb_length(six) == 6);
    CHECK(cdb_length(ten) == 10);
    CHECK(cdb_length(twelve) == 12);
    CHECK(cdb_length(sixteen) == 16);
    CHECK(cdb_length(var) == 32);
    CHECK_FALSE(cdb_length(std::span(ten).first(9)));
    CHECK_FALSE(cdb_length(std::span(var).first(31)));
    CHECK_FALSE(cdb_length({}));
}

TEST_CASE("a command entry gives its id, a copy of its CDB and its data buffers") {
    RingBuilder r;
    const auto data = r.data_start();
    const auto at = r.command(7, read10_cdb, {{data, 2048}, {data + 8192, 2048}});
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    auto e = parse_entry(r.bytes(), *l, at);
    REQUIRE(e);
    CHECK(e->kind == EntryKind::Command);
    CHECK(e->cmd_id == 7);
    CHECK(e->cdb == read10_cdb);
    REQUIRE(e->data.size() == 2);
    CHECK(e->data[1].offset == data + 8192);
    CHECK(e->data_length == 4096);
    CHECK(next_offset(*l, at, e->length) == r.head());
}

TEST_CASE("PAD and TMR entries are recognised with their lengths and aborted ids") {
    RingBuilder r(512);
    r.command(1, inquiry_cdb, {});
    r.command(2, inquiry_cdb, {});
    const auto tmr_at = r.tmr(TCMU_TMR_ABORT_TASK, {2});
    const auto pad_at = r.pad_to_end();
    CHECK(r.head() == 0);
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    auto t = parse_entry(r.bytes(), *l, tmr_at);
    REQUIRE(t);
    CHECK(t->kind == EntryKind::TaskManagement);
    CHECK(t->tmr_type == TCMU_TMR_ABORT_TASK);
    CHECK(t->aborted_ids == std::vector<std::uint16_t>{2});
    auto p = parse_entry(r.bytes(), *l, pad_at);
    REQUIRE(p);
    CHECK(p->kind == EntryKind::Pad);
    CHECK(next_offset(*l, pad_at, p->length) == 0);
}

TEST_CASE("malformed entries are errors, not accesses outside the ring") {
    RingBuilder r;
    const auto data = r.data_start();
    const auto at = r.command(3, inquiry_cdb, {{data, 512}});
    const auto e = RingBuilder::cmdr_off + at;
    const auto len_op = r.get<std::uint32_t>(e);
    SUBCASE("length zero") { r.put<std::uint32_t>(e, TCMU_OP_CMD); }
    SUBCASE("length past the ring") { r.put<std::uint32_t>(e, 2048u | TCMU_OP_CMD); }
    SUBCASE("unknown type") { r.put<std::uint32_t>(e, (len_op & ~7u) | 5u); }
    SUBCASE("iovec before the data area") { r.put<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.iov), 64); }
    SUBCASE("iovec length past the map") {
        r.put<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.iov) + offsetof(struct iovec, iov_len), ~0ull);
    }
    SUBCASE("shorter than a response") { r.put<std::uint32_t>(e, 64u | TCMU_OP_CMD); }
    SUBCASE("more iovecs than fit") { r.put<std::uint32_t>(e + offsetof(tcmu_cmd_entry, req.iov_cnt), 100000); }
    SUBCASE("CDB offset outside the entry") { r.put<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.cdb_off), 0); }
    SUBCASE("CDB longer than the entry") {
        const auto cdb_off = r.get<std::uint64_t>(e + offsetof(tcmu_cmd_entry, req.cdb_off));
        r.put<std::uint8_t>(cdb_off, 0x7F); // variable length: 8 + byte 7 bytes
        r.put<std::uint8_t>(cdb_off + 7, 200);
    }
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    CHECK_FALSE(parse_entry(r.bytes(), *l, at));
    CHECK_FALSE(parse_entry(r.bytes(), *l, at + 4)); // misaligned offset
    CHECK_FALSE(parse_entry(r.bytes(), *l, 1024));   // past the ring
}

TEST_CASE("a response goes into the first command slot at the tail, with the completing command's id") {
    RingBuilder r(512);
    const auto first = r.command(10, inquiry_cdb, {{r.data_start(), 96}});
    r.command(11, inquiry_cdb, {{r.data_start() + 4096, 96}});
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    // Command 11 finishes first: out of order, it takes command 10's slot.
    const std::uint8_t sense[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0};
    auto tail = write_response(r.bytes(), *l, 0, r.head(), Response{11, 0x02, sense, 36});
    REQUIRE(tail);
    const auto e = RingBuilder::cmdr_off + first;
    CHECK(r.get<std::uint16_t>(e + offsetof(tcmu_cmd_entry_hdr, cmd_id)) == 11);
    CHECK(r.get<std::uint8_t>(e + offsetof(tcmu_cmd_entry_hdr, uflags)) == TCMU_UFLAG_READ_LEN);
    CHECK(r.get<std::uint8_t>(e + offsetof(tcmu_cmd_entry, rsp.scsi_status)) == 0x02);
    CHECK(r.get<std::uint32_t>(e + offsetof(tcmu_cmd_entry, rsp.read_len)) == 36);
    CHECK(r.get<std::uint8_t>(e + offsetof(tcmu_cmd_entry, rsp.sense_buffer) + 12) == 0x24);
    CHECK(r.get<std::uint8_t>(e + offsetof(tcmu_cmd_entry, rsp.sense_buffer) + 18) == 0);
    auto tail2 = write_response(r.bytes(), *l, *tail, r.head(), Response{10, 0, {}, std::nullopt});
    REQUIRE(tail2);
    CHECK(*tail2 == r.head());
    CHECK(r.get<std::uint8_t>(RingBuilder::cmdr_off + *tail + offsetof(tcmu_cmd_entry_hdr, uflags)) == 0);
    CHECK_FALSE(write_response(r.bytes(), *l, *tail2, r.head(), Response{12, 0, {}, std::nullopt}));
}

TEST_CASE("a response steps over PAD and TMR entries at the tail") {
    RingBuilder r(512);
    r.command(1, inquiry_cdb, {});
    r.command(2, inquiry_cdb, {});
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    auto t = write_response(r.bytes(), *l, 0, r.head(), Response{1, 0, {}, std::nullopt});
    REQUIRE(t);
    t = write_response(r.bytes(), *l, *t, r.head(), Response{2, 0, {}, std::nullopt});
    REQUIRE(t);
    // The ring wraps: a TMR, a PAD to the end, and command 3 in the freed slot at 0.
    r.tmr(TCMU_TMR_ABORT_TASK, {});
    r.pad_to_end();
    const auto cmd = r.command(3, inquiry_cdb, {});
    CHECK(cmd == 0);
    t = write_response(r.bytes(), *l, *t, r.head(), Response{3, 0, {}, std::nullopt});
    REQUIRE(t);
    CHECK(*t == r.head());
}

TEST_CASE("without the READ_LEN capability no read length is claimed") {
    RingBuilder r(256, 4096, TCMU_MAILBOX_FLAG_CAP_OOOC);
    const auto at = r.command(4, inquiry_cdb, {{r.data_start(), 96}});
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    REQUIRE(write_response(r.bytes(), *l, at, r.head(), Response{4, 0, {}, 36}));
    CHECK(r.get<std::uint8_t>(RingBuilder::cmdr_off + at + offsetof(tcmu_cmd_entry_hdr, uflags)) == 0);
}

TEST_CASE("random corruption of a ring gives errors or entries that stay in the ring and the data area") {
    std::mt19937 rng(1234);
    int whole = 0;    // rounds whose three entries all parsed
    int rejected = 0; // rounds that met an error
    for (int round = 0; round < 2000; ++round) {
        RingBuilder r(512, 4096);
        r.command(1, read10_cdb, {{r.data_start(), 2048}});
        r.tmr(TCMU_TMR_LUN_RESET, {1, 2});
        r.command(2, inquiry_cdb, {{r.data_start() + 2048, 96}});
        auto& b = r.bytes();
        for (int i = 0; i < 4; ++i) {
            const auto at = RingBuilder::cmdr_off + rng() % 512;
            b[at] = static_cast<std::uint8_t>(rng());
        }
        auto l = read_layout(b); // the mailbox is intact
        REQUIRE(l);
        std::uint32_t off = 0;
        int parsed = 0;
        for (int n = 0; n < 8 && off != r.head(); ++n) {
            auto e = parse_entry(b, *l, off);
            if (!e) {
                ++rejected;
                // An entry that can be stepped over ends inside the ring.
                CHECK(e.error().entry_length <= l->cmdr_size - off);
                break;
            }
            ++parsed;
            CHECK(e->length > 0);
            CHECK(e->length <= l->cmdr_size - off);
            std::uint64_t sum = 0;
            for (const auto& seg : e->data) {
                CHECK(seg.offset >= l->data_start());
                CHECK(seg.offset + seg.length <= l->map_size);
                sum += seg.length;
            }
            CHECK(sum == e->data_length);
            CHECK(e->data_length <= l->map_size - l->data_start());
            off = next_offset(*l, off, e->length);
        }
        if (parsed == 3) ++whole;
        if (auto t = write_response(b, *l, 0, r.head(), Response{1, 0, {}, 2})) {
            CHECK(*t < l->cmdr_size);
            CHECK(*t % 8 == 0);
        }
    }
    CHECK(whole > 0);
    CHECK(rejected > 0);
}

TEST_CASE("check_head accepts a head at or after what was read and short of the tail, nothing else") {
    RingBuilder r(512);
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    CHECK(check_head(*l, 0, 0, 0));     // empty
    CHECK(check_head(*l, 504, 0, 0));   // nearly full
    CHECK(check_head(*l, 128, 0, 128)); // nothing new
    CHECK(check_head(*l, 256, 0, 128));
    CHECK(check_head(*l, 64, 256, 384));        // come round the ring
    CHECK_FALSE(check_head(*l, 64, 0, 128));    // behind what was read
    CHECK_FALSE(check_head(*l, 0, 0, 128));     // at the tail with entries outstanding
    CHECK_FALSE(check_head(*l, 300, 256, 384)); // behind, after coming round
    CHECK_FALSE(check_head(*l, 132, 0, 128));   // misaligned
    CHECK_FALSE(check_head(*l, 512, 0, 128));   // outside the ring
}

TEST_CASE("iovecs that overlap are a bad body: the command fails, the entry can be stepped over") {
    RingBuilder r;
    const auto data = r.data_start();
    SUBCASE("one inside another") { r.command(5, read10_cdb, {{data, 4096}, {data + 2048, 1024}}); }
    SUBCASE("the same buffer twice") { r.command(5, read10_cdb, {{data + 4096, 2048}, {data + 4096, 2048}}); }
    SUBCASE("partly, out of order") { r.command(5, read10_cdb, {{data + 4096, 2048}, {data + 2048, 2049}}); }
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    auto e = parse_entry(r.bytes(), *l, 0);
    REQUIRE_FALSE(e);
    CHECK(e.error().entry_length == r.head());
    CHECK(e.error().cmd_id == 5);
}

TEST_CASE("adjacent and empty iovecs are not an overlap") {
    RingBuilder r;
    const auto data = r.data_start();
    r.command(5, read10_cdb, {{data + 2048, 2048}, {data, 2048}, {data + 1024, 0}});
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    auto e = parse_entry(r.bytes(), *l, 0);
    REQUIRE(e);
    CHECK(e->data.size() == 2);
    CHECK(e->data_length == 4096);
}

TEST_CASE("a header that cannot be followed cannot be stepped over") {
    RingBuilder r;
    const auto at = r.command(3, inquiry_cdb, {{r.data_start(), 512}});
    r.put<std::uint32_t>(RingBuilder::cmdr_off + at, 64u | TCMU_OP_CMD); // shorter than a response
    auto l = read_layout(r.bytes());
    REQUIRE(l);
    auto e = parse_entry(r.bytes(), *l, at);
    REQUIRE_FALSE(e);
    CHECK(e.error().entry_length == 0);
}
