// The JSON texts of commands waiting in the outbox, as this tab already has them: read when
// the saved data loaded, made in this tab, or handed over by another tab of the user. A push
// takes them from here and reads only the keys of what waits from IndexedDB (a quarter of the
// cost of reading the entries back, for 10k commands ~35 ms against ~130 ms here), which stays
// the record of what waits: a command this map lacks (a tab killed before it could hand its
// commands over) is read from there. A command's text never changes once saved, and its key
// is never used again, so a text here is either the one saved or of a command no longer
// waiting, which IndexedDB no longer lists.
//
// Bounded: past MAX_TEXTS a tab keeps no more, and pushes read the rest as before.
const MAX_TEXTS = 100000;

export function pendingTexts() {
  const byClient = new Map();  // client id -> Map(seq -> text), in the order added
  let size = 0;
  return {
    add(clientId, seq, text) {
      if (size >= MAX_TEXTS) return;
      let texts = byClient.get(clientId);
      if (!texts) byClient.set(clientId, (texts = new Map()));
      if (texts.has(seq)) return;
      texts.set(seq, text);
      size += 1;
    },
    get(clientId, seq) {
      const texts = byClient.get(clientId);
      return texts && texts.get(seq);
    },
    // The client's commands up to `seq` no longer wait: answered, or dropped with a pull.
    dropThrough(clientId, seq) {
      const texts = byClient.get(clientId);
      if (!texts) return;
      for (const s of texts.keys()) {
        if (s <= seq) {
          texts.delete(s);
          size -= 1;
        }
      }
      if (!texts.size) byClient.delete(clientId);
    },
    get size() { return size; },
  };
}
