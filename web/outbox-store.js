// The device's copy of one signed-in user's data, in IndexedDB (one database per server,
// tenant and user, shared by that user's tabs):
//   pages  - pulled pages exactly as the server sent them, in pull order (auto-increment key).
//            Replaying them in order rebuilds "the server's state as last pulled".
//   outbox - every command made on this device and not yet done with, keyed [client_id, seq]:
//            {client_id, seq, command, status: 'pending' | 'acked' | 'rejected', error}.
//            The command is the local change: replayed over the pages on load, so one put of
//            it is the whole local write (see docs/offline.md).
//            Indexed by status (a sync reads what is pending or acknowledged without cloning
//            the whole outbox) and by `superseded` (1 on acknowledged entries a newer write
//            beat; absent otherwise, so the index holds only those).
//   meta   - 'cursor' (of the last saved page), 'next_seq:<client id>', 'last_synced',
//            'records' (changes in the saved pages: a reopen's progress), 'preview' (the inbox's
//            first screenful as last shown, drawn first on reopen; see ui::sync_preview).
// Every method is one transaction: it happened entirely or not at all.
//
// Durability: what only this device knows (its commands, a dismissal) is written 'strict',
// flushed to disk before the write counts as done. What the server already has (push results,
// pulled pages and the cursor) is written 'relaxed': still atomic and kept when the tab is
// killed (the browser holds it), and lost at most on a power cut, after which the device sends
// the same commands again (answered already_applied) and pulls again from the older cursor.
const VERSION = 2;

function promised(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// Outbox keys ([client_id, seq], ordered) as the fewest key ranges: a run of consecutive seqs
// of one client is one range, so removing a pushed batch of thousands is a few requests.
function keyRanges(keys) {
  const ranges = [];
  for (let i = 0; i < keys.length;) {
    let j = i;
    while (j + 1 < keys.length && keys[j + 1][0] === keys[i][0] && keys[j + 1][1] === keys[j][1] + 1) ++j;
    ranges.push(i === j ? keys[i] : IDBKeyRange.bound(keys[i], keys[j]));
    i = j + 1;
  }
  return ranges;
}

export async function openOutboxStore(name) {
  let replaced = false;  // a newer version opened the database in another tab
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name, VERSION);
    req.onupgradeneeded = (ev) => {
      const d = req.result;
      if (ev.oldVersion < 1) {
        d.createObjectStore('pages', { autoIncrement: true });
        d.createObjectStore('outbox', { keyPath: ['client_id', 'seq'] });
        d.createObjectStore('meta');
      }
      if (ev.oldVersion < 2) {
        const outbox = req.transaction.objectStore('outbox');
        outbox.createIndex('status', 'status');
        outbox.createIndex('superseded', 'superseded');
        // Version 1 marked superseded entries with `true`, which an index leaves out.
        outbox.openCursor().onsuccess = (e) => {
          const cursor = e.target.result;
          if (!cursor) return;
          if (cursor.value.superseded === true) cursor.update(Object.assign(cursor.value, { superseded: 1 }));
          cursor.continue();
        };
      }
    };
    req.onsuccess = () => {
      // A newer version upgrading the database waits for this tab to let go: let go, and
      // fail every later write with the reason (the commands stay in memory, see sync.js).
      req.result.onversionchange = () => { replaced = true; req.result.close(); };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('the saved data is held by an older version of the app in another tab'));
  });

  // Runs fn(stores) in one transaction; resolves with fn's value once it committed.
  function tx(names, mode, fn, durability = 'strict') {
    return new Promise((resolve, reject) => {
      let t;
      if (replaced) {
        reject(new Error('Forecourt was updated in another tab: reload this tab'));
        return;
      }
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
    setMeta(key, value, durability) {
      return tx(['meta'], 'readwrite', (s) => { s.meta.put(value, key); }, durability);
    },

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

    // Up to `count` pending entries ordered by client id then seq: from the first when
    // `afterKey` is null, else after that key.
    async listPending(afterKey, count) {
      if (afterKey == null) {
        return tx(['outbox'], 'readonly', (s) => promised(s.outbox.index('status').getAll('pending', count)));
      }
      const range = IDBKeyRange.lowerBound(afterKey, true);
      const entries = await tx(['outbox'], 'readonly', (s) => promised(s.outbox.getAll(range, count)));
      return entries.filter((e) => e.status === 'pending');
    },

    // What the status strip shows, without reading every entry: the number of pending
    // entries and the rejected ones.
    outboxSummary() {
      return tx(['outbox'], 'readonly', async (s) => {
        const byStatus = s.outbox.index('status');
        const [waiting, rejected] = await Promise.all([
          promised(byStatus.count('pending')), promised(byStatus.getAll('rejected'))]);
        return { waiting, rejected };
      });
    },

    // Keys ([client_id, seq]) of the acknowledged entries, and whether any was superseded.
    listAcked() {
      return tx(['outbox'], 'readonly', async (s) => {
        const [keys, superseded] = await Promise.all([
          promised(s.outbox.index('status').getAllKeys('acked')),
          promised(s.outbox.index('superseded').count())]);
        return { keys, superseded: superseded > 0 };
      });
    },

    // The push results of one client's batch of seqs `first`..`last`: applied and
    // already_applied become 'acked' (removed with the next complete pull, which carries their
    // effects), rejected ones keep their error until the user dismisses them. The batch's
    // entries are read in one request, so an entry a dismissal or a pull removed meanwhile (a
    // tab closing while its push was answered) is not written back.
    // A refusal is written 'strict': sent again after a power cut, it would come back
    // already_applied, and the user would never see why the change went.
    markResults(clientId, first, last, results) {
      const refused = results.some((r) => r.status === 'rejected');
      return tx(['outbox'], 'readwrite', async (s) => {
        const entries = await promised(s.outbox.getAll(IDBKeyRange.bound([clientId, first], [clientId, last])));
        const bySeq = new Map(entries.map((e) => [e.seq, e]));
        for (const r of results) {
          if (r.status !== 'applied' && r.status !== 'already_applied' && r.status !== 'rejected') continue;
          const entry = bySeq.get(r.seq);
          if (!entry) continue;
          entry.status = r.status === 'rejected' ? 'rejected' : 'acked';
          if (r.error) entry.error = r.error;
          // Applied but a newer write (or a delete) won: the pulled state is the truth, and
          // the app shows this command's effect until it rebuilds without it (sync.js).
          if (r.superseded) entry.superseded = 1;
          s.outbox.put(entry);
        }
      }, refused ? 'strict' : 'relaxed');
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
        for (const range of keyRanges(removeKeys)) s.outbox.delete(range);
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
