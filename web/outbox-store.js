// The device's copy of one signed-in user's data, in IndexedDB (one database per server,
// tenant and user, shared by that user's tabs):
//   pages  - pulled pages exactly as the server sent them, in pull order (auto-increment key).
//            Replaying them in order rebuilds "the server's state as last pulled".
//   outbox - every command made on this device and not yet done with, keyed [client_id, seq]:
//            {client_id, seq, text, status: 'pending' | 'acked' | 'rejected', error}, `text`
//            the command's JSON (a push body is these texts joined, nothing re-serialised;
//            entries saved by version 2 and older hold the object as `command` instead).
//            The command is the local change: replayed over the pages on load, so one put of
//            it is the whole local write (see docs/offline.md).
//            Indexed by status (the refused entries without reading the others) and by
//            `superseded` (1 on acknowledged entries a newer write beat; absent otherwise, so
//            the index holds only those).
//   meta   - 'cursor' (of the last saved page), 'next_seq:<client id>', 'last_synced',
//            'records' (changes in the saved pages: a reopen's progress), 'preview' (the inbox's
//            first screenful as last shown, drawn first on reopen; see ui::sync_preview),
//            'acked' ({client id: seq}: the server has every command of that client up to seq).
// Every method is one transaction: it happened entirely or not at all.
//
// Acknowledging: a pushed batch's answer is one write, the client's 'acked' seq, not a write
// per entry: an entry at or below it is acknowledged (not sent again, not waiting) unless its
// own status says 'rejected' (or 'acked' with `superseded`: the few entries written one by
// one, with what the user must see). So every entry above a client's 'acked' seq is pending.
// Acknowledged entries stay (replayed on reopen: their effects come with the next complete
// pull) and go as key ranges with its last page; the refused ones stay until dismissed.
//
// Durability: what only this device knows (its commands, a dismissal) is written 'strict',
// flushed to disk before the write counts as done. What the server already has (push results,
// pulled pages and the cursor) is written 'relaxed': still atomic and kept when the tab is
// killed (the browser holds it), and lost at most on a power cut, after which the device sends
// the same commands again (answered already_applied) and pulls again from the older cursor.
const VERSION = 3;

// The JSON text of an outbox entry's command, and the command itself.
export function commandText(entry) { return entry.text != null ? entry.text : JSON.stringify(entry.command); }
export function commandOf(entry) { return entry.command || JSON.parse(entry.text); }

// The results of a push batch (commands `first` to `last`) that settled their commands, in
// seq order: results come in seq order, and nothing after the first out_of_order was looked
// at, so those stay pending.
export function answeredRun(results, first, last) {
  const run = [];
  for (const r of results) {
    if (r.status !== 'applied' && r.status !== 'already_applied' && r.status !== 'rejected') break;
    if (r.seq >= first && r.seq <= last) run.push(r);
  }
  return run;
}

// Bounds of one client's keys: [client, 0] is below every seq, [client, []] above (an array
// key sorts after every number).
const below = (client) => [client, 0];
const above = (client) => [client, []];
// A client's acknowledged seq in the 'acked' record (0: none).
const ackedOf = (marks, client) => (marks && Object.hasOwn(marks, client) ? marks[client] : 0);

function promised(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
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
      if (ev.oldVersion >= 1 && ev.oldVersion < 3) {
        // Version 2 marked every answered entry ('acked', 'rejected'); each client's answered
        // entries are the first of its entries (pushed and answered in seq order), so the
        // highest answered seq is where its pending ones begin. The entries stay as they are.
        const t = req.transaction;
        const byStatus = t.objectStore('outbox').index('status');
        const marks = {};
        let left = 2;
        for (const answered of ['acked', 'rejected']) {
          byStatus.getAllKeys(answered).onsuccess = (e) => {
            for (const [client, seq] of e.target.result) marks[client] = Math.max(ackedOf(marks, client), seq);
            if (--left === 0 && Object.keys(marks).length) t.objectStore('meta').put(marks, 'acked');
          };
        }
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

    // New commands of one client and its next seq, together. Resolves with the texts saved.
    addCommands(commands, clientId, nextSeq) {
      return tx(['outbox', 'meta'], 'readwrite', (s) => {
        const texts = commands.map((command) => JSON.stringify(command));
        commands.forEach((command, i) => {
          s.outbox.put({ client_id: command.client_id, seq: command.seq, text: texts[i], status: 'pending' });
        });
        s.meta.put(nextSeq, 'next_seq:' + clientId);
        return texts;
      });
    },

    // Every outbox entry, ordered by client id then seq.
    listOutbox() { return tx(['outbox'], 'readonly', (s) => promised(s.outbox.getAll())); },

    // Up to `count` pending entries of one client, in seq order: of the first client that has
    // any, from the start when `afterKey` is null, else after that key. An acknowledged run is
    // stepped over with one request, never read. `known` (pending-texts.js): when it has the
    // text of every entry of the run, only their keys are read and the entries are made from
    // those texts (every entry above its client's acknowledged seq is pending: see above).
    listPending(afterKey, count, known = null) {
      return tx(['outbox', 'meta'], 'readonly', async (s) => {
        const marks = (await promised(s.meta.get('acked'))) || {};
        let from = afterKey == null ? IDBKeyRange.lowerBound([]) : IDBKeyRange.lowerBound(afterKey, true);
        for (;;) {
          const key = await promised(s.outbox.getKey(from));
          if (key === undefined) return [];
          const [client, seq] = key;
          const acked = ackedOf(marks, client);
          if (seq <= acked) {
            from = IDBKeyRange.lowerBound([client, acked], true);
            continue;
          }
          const run = IDBKeyRange.bound(key, above(client));
          if (known && known.size) {
            const keys = await promised(s.outbox.getAllKeys(run, count));
            const texts = keys.map(([c, q]) => known.get(c, q));
            if (texts.every((t) => t !== undefined)) {
              return keys.map(([c, q], i) => ({ client_id: c, seq: q, text: texts[i], status: 'pending' }));
            }
          }
          const entries = await promised(s.outbox.getAll(run, count));
          const pending = entries.filter((e) => e.status === 'pending');
          if (pending.length) return pending;
          from = IDBKeyRange.lowerBound(above(client), true);
        }
      });
    },

    // What the status strip shows, without reading every entry: the number of pending
    // entries (those above their client's acknowledged seq: a count per client) and the
    // rejected ones.
    outboxSummary() {
      return tx(['outbox', 'meta'], 'readonly', async (s) => {
        const [marks, rejected] = await Promise.all([promised(s.meta.get('acked')),
          promised(s.outbox.index('status').getAll('rejected'))]);
        let waiting = 0;
        let from = IDBKeyRange.lowerBound([]);
        for (;;) {
          const key = await promised(s.outbox.getKey(from));
          if (key === undefined) break;
          const client = key[0];
          waiting += await promised(s.outbox.count(
            IDBKeyRange.bound([client, ackedOf(marks, client)], above(client), true, true)));
          from = IDBKeyRange.lowerBound(above(client), true);
        }
        return { waiting, rejected };
      });
    },

    // What the server has acknowledged, as one run per client: {client_id, through, except}
    // (every entry of client_id up to seq `through`, but the refused seqs in `except`),
    // whether any was superseded, the saved cursor, and whether pages were saved after
    // `afterPageKey` (by another tab): what a pull starts from, read at once.
    listAcked(afterPageKey) {
      return tx(['outbox', 'meta', 'pages'], 'readonly', async (s) => {
        const newer = afterPageKey == null ? null : IDBKeyRange.lowerBound(afterPageKey, true);
        const [marks, refused, superseded, cursor, newerPages] = await Promise.all([promised(s.meta.get('acked')),
          promised(s.outbox.index('status').getAllKeys('rejected')),
          promised(s.outbox.index('superseded').count()), promised(s.meta.get('cursor')),
          promised(s.pages.count(newer))]);
        const runs = Object.entries(marks || {}).map(([client_id, through]) => ({
          client_id, through,
          except: refused.filter(([c, seq]) => c === client_id && seq <= through).map(([, seq]) => seq),
        }));
        return { runs, superseded: superseded > 0, cursor, newerPages: newerPages > 0 };
      });
    },

    // The push results of one client's batch that settled its commands (answeredRun): applied and
    // already_applied are acknowledged by raising the client's 'acked' seq over the answered
    // run (one write for the batch; removed with the next complete pull, which carries their
    // effects). Rejected ones are written with their error (kept until the user dismisses
    // them), superseded ones marked for the rebuild; each is read in this write, so an entry a
    // dismissal or a pull removed meanwhile (a tab closing while its push was answered) is not
    // written back. A refusal is written 'strict': sent again after a power cut, it would come
    // back already_applied, and the user would never see why the change went.
    markResults(clientId, run) {
      if (!run.length) return Promise.resolve();
      const through = run[run.length - 1].seq;
      const own = run.filter((r) => r.status === 'rejected' || r.superseded);
      const refused = own.some((r) => r.status === 'rejected');
      return tx(own.length ? ['outbox', 'meta'] : ['meta'], 'readwrite', async (s) => {
        const marks = (await promised(s.meta.get('acked'))) || {};
        if (through > ackedOf(marks, clientId)) {
          marks[clientId] = through;
          s.meta.put(marks, 'acked');
        }
        const entries = await Promise.all(own.map((r) => promised(s.outbox.get([clientId, r.seq]))));
        own.forEach((r, i) => {
          const entry = entries[i];
          if (!entry) return;
          entry.status = r.status === 'rejected' ? 'rejected' : 'acked';
          if (r.error) entry.error = r.error;
          // Applied but a newer write (or a delete) won: the pulled state is the truth, and
          // the app shows this command's effect until it rebuilds without it (sync.js).
          if (r.superseded) entry.superseded = 1;
          s.outbox.put(entry);
        });
      }, refused ? 'strict' : 'relaxed');
    },

    // One pulled page, its cursor, and the outbox entries it makes unnecessary (listAcked's
    // runs: removed as key ranges around the refused entries), together. A client's 'acked'
    // seq goes once none of its entries is left at or below it. Returns the page's key (null
    // for a page without changes, which is not kept). Relaxed durability (no flush to disk per
    // page: a first sync writes hundreds of megabytes): still all or nothing, and a page a
    // power cut loses is pulled again from the cursor before it.
    savePage(bytes, changes, cursor, removeRuns) {
      return tx(['pages', 'meta', 'outbox'], 'readwrite', async (s) => {
        s.meta.put(cursor, 'cursor');
        const [key, records] = changes
          ? await Promise.all([promised(s.pages.add(bytes)), promised(s.meta.get('records'))]) : [null, 0];
        if (changes) s.meta.put((records || 0) + changes, 'records');
        if (!removeRuns.length) return key;
        for (const { client_id: c, through, except } of removeRuns) {
          let from = 0;
          for (const seq of [...except].sort((x, y) => x - y).concat(through + 1)) {
            if (seq - 1 >= from) s.outbox.delete(IDBKeyRange.bound([c, from], [c, seq - 1]));
            from = seq + 1;
          }
        }
        const marks = (await promised(s.meta.get('acked'))) || {};
        const left = await Promise.all(Object.entries(marks).map(([c, through]) =>
          promised(s.outbox.count(IDBKeyRange.bound(below(c), [c, through])))));
        const kept = Object.fromEntries(Object.entries(marks).filter((_, i) => left[i] > 0));
        if (Object.keys(kept).length !== Object.keys(marks).length) s.meta.put(kept, 'acked');
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
