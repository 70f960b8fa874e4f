// The hub's HTTP API as the screens use it: JSON in, JSON out, and the house error format
// ({"error": {"code", "message"}}) turned into one readable message. A 401 means the session has
// ended (expired or logged out elsewhere): the log-in form comes back.

let onSessionEnded = () => {};
let actingUser = null;

/**
 * With log-in off (allowed on loopback only) the hub takes the acting person from each action's
 * body, as "user"; the screen then asks for a name once and sends it.
 */
export function actAs(name) {
  actingUser = name;
}

/** The name actions are sent under with log-in off; null with log-in on (the session says who). */
export function actingAs() {
  return actingUser;
}

export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

/** The hub has said the session has ended (a live stream's last event): the log-in form comes back. */
export function sessionEnded() {
  onSessionEnded();
}

/**
 * Whether the session has gone, asked of the hub when it refused a live stream: a 401 to "who am I"
 * says so, and the screen is told. A hub that cannot be reached, or that has log-in off (404), says
 * nothing about the session.
 */
export async function sessionIsGone() {
  try {
    const response = await fetch('/api/v1/session');
    if (response.status !== 401) return false;
  } catch {
    return false;
  }
  onSessionEnded();
  return true;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `hub unreachable: ${e.message}`);
  }
  if (response.status === 401 && !path.startsWith('/api/v1/session')) onSessionEnded();
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, payload.error?.message ?? `${method} ${path}: HTTP ${response.status}`);
  return payload;
}

export const get = (path) => call('GET', path);
export const post = (path, body = {}) => call('POST', path, actingUser ? { user: actingUser, ...body } : body);
