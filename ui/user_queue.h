// The signed-in user's Now queue as core's Now engine builds it, with the scoring rules' bands
// as the SLA policy counts them. Drawn by the Now screen; watched for news (news.h).
#pragma once
#include <vector>
#include "app.h"
#include "now_queue.h"

namespace fc::ui {

std::vector<fc::NowItem> user_now_queue(const AppState& app);

}  // namespace fc::ui
