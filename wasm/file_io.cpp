#include "file_io.h"
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include "platform.h"

namespace {

// The picker needs the user's click: browsers show it only within a short time after one,
// and the frame that handles an ImGui click runs in the next animation frame, well inside it.
// The picked file's bytes go to _fc_file_picked (wasm/main.cpp), which copies them.
EM_JS(void, js_pick_file, (const char* accept), {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(accept);
    input.style.display = 'none';
    input.setAttribute('aria-hidden', 'true');
    input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        file.arrayBuffer().then(function (buffer) {
            var bytes = new Uint8Array(buffer);
            var data = _malloc(bytes.length || 1);
            HEAPU8.set(bytes, data);
            var nameSize = lengthBytesUTF8(file.name) + 1;
            var name = _malloc(nameSize);
            stringToUTF8(file.name, name, nameSize);
            try { _fc_file_picked(name, data, bytes.length); } finally { _free(name); _free(data); }
        }).catch(function (e) { console.error('Forecourt: cannot read the picked file', e); });
    });
    input.addEventListener('cancel', function () { input.remove(); });
    document.body.appendChild(input);
    input.click();
});

EM_JS(void, js_offer_download, (const char* name, const char* mime, const char* bytes, int size), {
    var blob = new Blob([HEAPU8.slice(bytes, bytes + size)], { type: UTF8ToString(mime) });
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(name);
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);  // after the download began
});

struct BrowserServices final : fc::ui::PlatformServices {
    void request_file_pick(const std::string& accept) override { js_pick_file(accept.c_str()); }
    void offer_download(const std::string& name, const std::string& mime,
                        const std::string& bytes) override {
        js_offer_download(name.c_str(), mime.c_str(), bytes.data(), int(bytes.size()));
    }
    void keep_drawing() override { fc::web::request_frames(2); }
};

}  // namespace

namespace fc::web {

ui::PlatformServices& browser_services() {
    static BrowserServices services;
    return services;
}

}  // namespace fc::web
