// Reads GET /api/v1/events the way the browser client does: fetch() with the bearer token,
// the body read as a stream and split into Server-Sent Events.
export async function openEvents(base, token, { signal } = {}) {
  const controller = new AbortController();
  if (signal) signal.addEventListener('abort', () => controller.abort());
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const res = await fetch(base + '/api/v1/events', { headers, signal: controller.signal });
  const events = [];
  const waiters = [];
  let ended = false;
  const stream = {
    status: res.status, headers: res.headers, events, body: null,
    // Resolves with the first event (after those already taken) matching `pred`, or null after
    // `ms`.
    next(pred = () => true, ms = 2000) {
      const i = events.findIndex((e) => !e.taken && pred(e));
      if (i >= 0) { events[i].taken = true; return Promise.resolve(events[i]); }
      return new Promise((resolve) => {
        const w = { pred, resolve };
        w.timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); resolve(null); }, ms);
        waiters.push(w);
      });
    },
    pokes() { return events.filter((e) => e.event === 'poke'); },
    get ended() { return ended; },
    close() { controller.abort(); },
  };
  if (res.status !== 200) {
    stream.body = await res.json();
    return stream;
  }
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e = { event: 'message', data: '', comment: false, at: Date.now() };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) e.comment = true;
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
          }
          if (e.comment && e.event === 'message') e.event = 'heartbeat';
          events.push(e);
          const w = waiters.find((x) => x.pred(e));
          if (w) {
            e.taken = true;
            clearTimeout(w.timer);
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      }
    } catch { /* aborted or the server went away */ }
    ended = true;
  })();
  return stream;
}
