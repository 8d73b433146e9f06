// Display names of what a lead refers to, with a visible placeholder for dangling references.
#pragma once
#include <string>
#include "store.h"

namespace fc::ui {

const std::string& account_name(const Store& s, const Id& id);
const std::string& category_name(const Store& s, const Id& id);
const std::string& user_name(const Store& s, const Id& id);
// Colour of a score: hot, warm or cold.
unsigned score_color(const Store& s, double score);

}  // namespace fc::ui
