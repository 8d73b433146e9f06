// A JSON pull page in the binary form the server sends for format=binary (core/pull_page.h),
// built the way the server builds it: change by change from the records' JSON texts.
#pragma once
#include <doctest/doctest.h>
#include <string>
#include "pull_page.h"

namespace fc::test {

inline std::string binary_page(const std::string& json_page) {
    json page = json::parse(json_page);
    BinaryPullPageWriter w;
    for (const json& c : page["changes"])
        REQUIRE_FALSE(w.add(c["table"].get<std::string>(), c["record"].dump(), c.value("deleted", false)));
    page.erase("changes");
    return w.finish(page.dump());
}

}  // namespace fc::test
