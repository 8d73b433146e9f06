// The first screenful of a big book's inbox, sent ahead of the whole inbox part so a first
// load draws rows while the rest (megabytes at 100k+ leads) is still on its way.
//
// It holds the `rows` leads that come first in the inbox's default order (score, highest
// first; equal scores in row order: ui/inbox_filter.cpp sorts a float of the score, stably),
// kept in their row order, so sorting them the same way gives exactly the rows the whole book
// shows first. With them: the accounts they belong to, every dealer, user, category and
// campaign (small tables the rows and the filters name), and the rule documents.
#pragma once
#include <cstdint>
#include <vector>
#include "store.h"

namespace fc {

// Rows (positions in s.leads) of the `n` leads first in the default inbox order, ascending.
std::vector<std::uint32_t> top_scored_leads(const Store& s, size_t n);

// A store holding the preview described above.
Store inbox_preview(const Store& s, size_t rows);

}  // namespace fc
