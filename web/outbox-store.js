// The device's copy of one signed-in user's data, in IndexedDB (one database per server,
// tenant and user, shared by that user's tabs):
//   pages  - pulled pages exactly as the server sent them, in pull order (auto-increment key).
//            Replaying them in order rebuilds "the server's state as last pulled".
//   outbox - every command made on this device and not yet done with, keyed [client_id, seq]:
//            {client_id, seq, command, status: 'pending' | 'acked' | 'rejected', error}.
//            The command is the local change: replayed over the pages on load, so one put of
//            it is the whole local write (see docs/offline.md).
//   meta   - 'cursor' (of the last saved page), 'next_seq:<client id>', 'last_synced',
//            'records' (changes in the saved pages: a reopen's progress), 'preview' (the inbox's
//            first screenful as last shown, drawn first on reopen; see ui::sync_preview).
// Every method is one transaction: it happened entirely or not at all.
const VERSION = 1;

function promised(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function openOutboxStore(name) {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name, VERSION);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore('pages', { autoIncrement: true });
      d.createObjectStore('outbox', { keyPath: ['client_id', 'seq'] });
      d.createObjectStore('meta');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('the saved data is held by an older version of the app in another tab'));
  });

  // Runs fn(stores) in one transaction; resolves with fn's value once it committed.
  function tx(names, mode, fn, durability = 'strict') {
    return new Promise((resolve, reject) => {
      let t;
      try {
        t = db.transaction(names, mode, { durability });
      } catch (e) {
        reject(e);
        return;
      }
      let value;
      const stores = Object.fromEntries(names.map((n) => [n, t.objectStore(n)]));
      Promise.resolve(fn(stores)).then((v) => { value = v; }, (e) => { try { t.abort(); } catch (_) { /* done */ } reject(e); });
      t.oncomplete = () => resolve(value);
      t.onerror = t.onabort = () => reject(t.error || new Error('the saved data could not be written'));
    });
  }

  return {
    name,
    close() { db.close(); },

    getMeta(key) { return tx(['meta'], 'readonly', (s) => promised(s.meta.get(key))); },
    setMeta(key, value) { return tx(['meta'], 'readwrite', (s) => { s.meta.put(value, key); }); },

    // New commands of one client and its next seq, together.
    addCommands(commands, clientId, nextSeq) {
      return tx(['outbox', 'meta'], 'readwrite', (s) => {
        for (const command of commands) {
          s.outbox.put({ client_id: command.client_id, seq: command.seq, command, status: 'pending' });
        }
        s.meta.put(nextSeq, 'next_seq:' + clientId);
      });
    },

    // Every outbox entry, ordered by client id then seq.
    listOutbox() { return tx(['outbox'], 'readonly', (s) => promised(s.outbox.getAll())); },

    // The push results of one client's batch: applied and already_applied become 'acked'
    // (removed with the next complete pull, which carries their effects), rejected ones keep
    // their error until the user dismisses them.
    markResults(clientId, results) {
      return tx(['outbox'], 'readwrite', async (s) => {
        for (const r of results) {
          if (r.status !== 'applied' && r.status !== 'already_applied' && r.status !== 'rejected') continue;
          const entry = await promised(s.outbox.get([clientId, r.seq]));
          if (!entry) continue;
          entry.status = r.status === 'rejected' ? 'rejected' : 'acked';
          if (r.error) entry.error = r.error;
          // Applied but a newer write (or a delete) won: the pulled state is the truth, and
          // the app shows this command's effect until it rebuilds without it (sync.js).
          if (r.superseded) entry.superseded = true;
          s.outbox.put(entry);
        }
      });
    },

    // One pulled page, its cursor, and the outbox entries it makes unnecessary, together.
    // Returns the page's key (null for a page without changes, which is not kept). Relaxed
    // durability (no flush to disk per page: a first sync writes hundreds of megabytes): still
    // all or nothing, and a page a power cut loses is pulled again from the cursor before it.
    savePage(bytes, changes, cursor, removeKeys) {
      return tx(['pages', 'meta', 'outbox'], 'readwrite', async (s) => {
        const key = changes ? await promised(s.pages.add(bytes)) : null;
        s.meta.put(cursor, 'cursor');
        if (changes) s.meta.put(((await promised(s.meta.get('records'))) || 0) + changes, 'records');
        for (const k of removeKeys) s.outbox.delete(k);
        return key;
      }, 'relaxed');
    },

    removeCommands(keys) {
      return tx(['outbox'], 'readwrite', (s) => { for (const k of keys) s.outbox.delete(k); });
    },

    // Calls onPage(key, bytes) for every saved page after `afterKey`, in order; returns the
    // last key. Reads in slices so a million records never sit in memory twice.
    async readPages(afterKey, onPage) {
      let last = afterKey;
      for (;;) {
        const slice = await tx(['pages'], 'readonly', async (s) => {
          const range = last == null ? null : IDBKeyRange.lowerBound(last, true);
          const [keys, values] = await Promise.all([
            promised(s.pages.getAllKeys(range, 8)), promised(s.pages.getAll(range, 8))]);
          return keys.map((k, i) => [k, values[i]]);
        });
        if (!slice.length) return last;
        for (const [key, bytes] of slice) {
          onPage(key, bytes);
          last = key;
        }
      }
    },
  };
}
