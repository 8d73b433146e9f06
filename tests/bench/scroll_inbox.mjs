// The UI bench's scroll (issue 5, ui_scroll_frame_p95_ms), shared by ui_bench.mjs and
// scroll_trace.mjs: the inbox of an open app scrolled by a 100 px wheel event every 16.7 ms for
// 5 s, sent without waiting for each to be handled. Returns the requestAnimationFrame intervals
// (gaps) and the app's frame records (app.traceFrames: t, cpuMs, buildMs, paintMs, firstRow).
export async function scrollInbox(page) {
  const inbox = await page.evaluate(() => window.forecourt.items().find((i) => i.label === 'Lead inbox'));
  await page.mouse.move(inbox.rect.x + inbox.rect.w / 2, inbox.rect.y + inbox.rect.h / 2);
  return page.evaluate(async () => {
    window.forecourt.traceFrames(true);
    const canvas = window.forecourt.canvas;
    const r = canvas.getBoundingClientRect();
    const gaps = [];
    let last = performance.now();
    let running = true;
    const tick = (t) => { gaps.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const start = performance.now();
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, deltaMode: 0, bubbles: true, cancelable: true,
          clientX: r.left + r.width / 3, clientY: r.top + r.height / 2 }));
        if (performance.now() - start > 5000) { clearInterval(timer); resolve(); }
      }, 16.7);
    });
    running = false;
    return { gaps: gaps.slice(1), frames: window.forecourt.traceFrames(false) };
  });
}
