// The TCMU ring parser on a malformed shared-memory map, as a buggy or hostile kernel (or a
// stray write) could leave it. The input is the whole map: mailbox, command ring, data area.
// The handler's loop is replayed: parse every entry from the tail to the head, then write a
// response into the first command slot. Errors are fine; a stray access is not.
#include "emulator/targets/tcmu/ring.hpp"

#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace spindle::tcmu;
    std::vector<std::uint8_t> map(data, data + size); // exactly the input: reads past it are caught
    auto layout = read_layout(map);
    if (!layout) return 0;
    const auto head = mailbox_head(map);
    const auto tail = mailbox_tail(map);
    std::uint32_t at = tail;
    for (int i = 0; i < 4096 && at != head; ++i) {
        auto entry = parse_entry(map, *layout, at);
        if (!entry) break;
        if (entry->length == 0) std::abort(); // would never advance
        for (const auto& segment : entry->data)
            if (segment.offset < layout->data_start() || segment.offset + segment.length > map.size()) std::abort();
        at = next_offset(*layout, at, entry->length);
    }
    static constexpr std::uint8_t sense[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24};
    Response r{1, 0x02, sense, 512};
    auto t = write_response(map, *layout, tail, head, r);
    if (t && *t >= layout->cmdr_size) std::abort();
    return 0;
}
