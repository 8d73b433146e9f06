#include "lead_names.h"
#include "inbox_filter.h"
#include "theme.h"

namespace fc::ui {
namespace {
const std::string kUnknown = "(unknown)";
const std::string kUnassigned = "Unassigned";
}  // namespace

const std::string& account_name(const Store& s, const Id& id) {
    const Account* a = s.accounts.find(id);
    return a ? a->name : kUnknown;
}
const std::string& category_name(const Store& s, const Id& id) {
    const ProductCategory* c = s.categories.find(id);
    return c ? c->name : kUnknown;
}
const std::string& user_name(const Store& s, const Id& id) {
    if (id.empty()) return kUnassigned;
    const User* u = s.users.find(id);
    return u ? u->name : kUnknown;
}
unsigned score_color(const Store& s, double score) {
    Band b = ui::band_of(s.lead_book.rules, score);
    return b == Band::hot ? colors::hot : b == Band::warm ? colors::warm : colors::cold;
}

}  // namespace fc::ui
