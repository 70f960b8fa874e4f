// The hub's live streams (Server-Sent Events): the timeline's live feed, and an equipment page's
// readings. The browser's EventSource retries a dropped connection by itself, but gives up for good
// when the hub answers with an error: as it may while restarting, and as it does once the session
// has ended. This class then asks the hub whether the session is still there: if not, the screen
// asks for a log-in; otherwise it opens a new stream itself, backing off up to 10 s. Every
// reconnection calls onResync, because the hub does not replay what was missed. The hub ends a
// stream whose session has ended with a last event, session-ended: the log-in form comes back at once.

import { sessionEnded, sessionIsGone } from './api.js';

export class LiveStream {
  /** path: the stream's URL; event: the name of the events it carries, each given to onData parsed. */
  constructor(path, event, { onData, onState = () => {}, onResync = () => {} }) {
    this.path = path;
    this.event = event;
    this.onData = onData;
    this.onState = onState;
    this.onResync = onResync;
    this.delay = 1000;
    this.lost = false;
    this.closed = false;
  }

  open() {
    const source = new EventSource(this.path);
    this.source = source;
    source.onopen = () => {
      this.delay = 1000;
      this.onState('live');
      if (this.lost) this.onResync();
      this.lost = false;
    };
    source.onerror = async () => {
      if (this.closed) return;
      this.lost = true;
      this.onState('lost');
      if (source.readyState !== EventSource.CLOSED) return; // the browser is retrying by itself
      // refused, or the hub is away: a session that has gone is not worth retrying
      if (await sessionIsGone()) return;
      if (this.closed || this.source !== source) return;
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
    };
    source.addEventListener(this.event, (message) => this.onData(JSON.parse(message.data)));
    source.addEventListener('session-ended', () => {
      this.close();
      sessionEnded();
    });
    return this;
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    this.source?.close();
  }
}

/** The timeline's live feed (GET /api/v1/timeline/live), with the filters of GET /api/v1/timeline as its query. */
export function timelineFeed(query, handlers) {
  return new LiveStream(streamUrl('/api/v1/timeline/live', query), 'timeline', handlers);
}

// A wall screen (chosen at log-in, kept by this browser) asks its streams to keep its session: it
// only listens, and would otherwise be logged out after the hub's idle timeout. Other screens do
// not, so a forgotten desk still logs itself out.
const WALL_SCREEN = 'dutyroom.wallScreen';

export function isWallScreen() {
  return localStorage.getItem(WALL_SCREEN) === 'true';
}

export function setWallScreen(on) {
  localStorage.setItem(WALL_SCREEN, String(on));
}

/** A stream's address with the wall screen's keepSession, where the query already has other parameters or none. */
export function streamUrl(path, query = '') {
  const params = new URLSearchParams(query);
  if (isWallScreen()) params.set('keepSession', 'true');
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
