// Account 360: the account list with search, and one account's contacts (preferences and
// do-not-contact up front), leads, open tasks and paged timeline of activities.
#pragma once
#include "app.h"

namespace fc::ui {

constexpr int kActivityPageSize = 15;

// Opens the Accounts screen on this account.
void show_account(AppState& app, std::uint32_t account_row);
// Rebuilds the list of accounts matching the search (in name order).
void refresh_account_list(AppState& app);

}  // namespace fc::ui
