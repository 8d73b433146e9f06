// The browser's side of ui::PlatformServices: the file picker (a hidden <input type=file>),
// downloads (a Blob behind a temporary <a download> link) and frames while a job runs.
#pragma once
#include "platform_services.h"

namespace fc::web {

ui::PlatformServices& browser_services();

}  // namespace fc::web
