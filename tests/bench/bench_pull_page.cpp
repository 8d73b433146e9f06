// One page of a first sync (10,000 activities, the server's largest page) read into a store
// from its JSON form and from its binary form (core/pull_page.h), and the server's cost of
// writing the binary form from the records' stored JSON. A first sync of the network data set
// is ~130 such pages.
#include <string>
#include <vector>
#include "bench.h"
#include "demo_data.h"
#include "pull_page.h"
#include "record_json.h"

namespace {

// Puts every record in its table, as a load does.
struct StoreSink {
    fc::Store store;
    template <class T>
    fc::MaybeError operator()(const char*, T&& r) {
        if constexpr (std::is_same_v<T, fc::Activity>) store.activities.put(std::move(r));
        return std::nullopt;
    }
};

}  // namespace

FC_BENCH("pull_page") {
    using namespace fc;
    const std::string p = ctx.wasm ? "_wasm" : "_native";
    Store s = generate_demo(demo_size_dealer(), 7, 1790000000);
    std::vector<std::string> records;
    for (size_t i = 0; i < s.activities.size() && records.size() < 10000; ++i)
        records.push_back(to_json(s.activities.rows[i]).dump());
    const std::string tail = "{\"cursor\":\"10000\",\"has_more\":true}";
    std::string page_json = "{\"changes\":[";
    for (size_t i = 0; i < records.size(); ++i)
        page_json += (i ? ",{\"table\":\"activities\",\"record\":" : "{\"table\":\"activities\",\"record\":") +
                     records[i] + "}";
    page_json += "]," + tail.substr(1);
    auto encode = [&] {
        BinaryPullPageWriter w;
        for (const std::string& r : records) w.add("activities", r, false);
        return w.finish(tail);
    };
    std::string page_binary = encode();
    ctx.report("pull_page_records", double(records.size()));
    ctx.report("pull_page_json_bytes", double(page_json.size()));
    ctx.report("pull_page_binary_bytes", double(page_binary.size()));
    if (!ctx.wasm) ctx.report("pull_page_binary_encode_native_ms", bench::median_ms(3, encode));
    auto read = [&](const std::string& bytes) {
        return bench::median_ms(3, [&] {
            PullSinkFor<StoreSink> sink(StoreSink{});
            PulledPage out;
            read_pull_page(bytes, sink, out);
        });
    };
    ctx.report("pull_page_json_read" + p + "_ms", read(page_json));
    ctx.report("pull_page_binary_read" + p + "_ms", read(page_binary));
}
