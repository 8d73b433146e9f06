#include "frame_hash.h"
#include <cstring>

namespace fc::ui {
namespace {

// FNV-1a over 8-byte words.
struct FrameHash {
    std::uint64_t h = 1469598103934665603ull;
    void add(const void* p, size_t n) {
        const unsigned char* b = static_cast<const unsigned char*>(p);
        for (; n >= 8; n -= 8, b += 8) {
            std::uint64_t w;
            std::memcpy(&w, b, 8);
            h = (h ^ w) * 1099511628211ull;
        }
        for (; n > 0; --n, ++b) h = (h ^ *b) * 1099511628211ull;
    }
};

}  // namespace

std::uint64_t draw_list_hash(const ImDrawList* list) {
    FrameHash f;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
        f.add(&cmd.ClipRect, sizeof cmd.ClipRect);
        f.add(&cmd.TextureId, sizeof cmd.TextureId);
        f.add(&cmd.VtxOffset, sizeof cmd.VtxOffset);
        f.add(&cmd.IdxOffset, sizeof cmd.IdxOffset);
        f.add(&cmd.ElemCount, sizeof cmd.ElemCount);
        f.add(&cmd.UserCallback, sizeof cmd.UserCallback);
    }
    f.add(list->VtxBuffer.Data, size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    f.add(list->IdxBuffer.Data, size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    return f.h;
}

std::uint64_t frame_setup_hash(const ImDrawData* data, const float clear[4]) {
    FrameHash f;
    f.add(clear, 4 * sizeof(float));
    f.add(&data->DisplayPos, sizeof(ImVec2));
    f.add(&data->DisplaySize, sizeof(ImVec2));
    f.add(&data->FramebufferScale, sizeof(ImVec2));
    return f.h;
}

std::uint64_t frame_hash(const ImDrawData* data, const float clear[4]) {
    FrameHash f;
    const std::uint64_t setup = frame_setup_hash(data, clear);
    f.add(&setup, sizeof setup);
    for (const ImDrawList* list : data->CmdLists) {
        const std::uint64_t h = draw_list_hash(list);
        f.add(&h, sizeof h);
    }
    return f.h;
}

}  // namespace fc::ui
