// The live feed (Server-Sent Events from /api/v1/timeline/live). The browser's EventSource retries
// a dropped connection by itself, but gives up for good when the hub answers with an error (as it
// may while restarting); this class then opens a new one itself, backing off up to 10 s. Every
// reconnection calls onResync, because the hub does not replay what was missed.

export class LiveFeed {
  constructor(query, { onEvent, onState = () => {}, onResync = () => {} }) {
    this.query = query;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onResync = onResync;
    this.delay = 1000;
    this.lost = false;
    this.closed = false;
  }

  open() {
    this.source = new EventSource(`/api/v1/timeline/live${this.query ? `?${this.query}` : ''}`);
    this.source.onopen = () => {
      this.delay = 1000;
      this.onState('live');
      if (this.lost) this.onResync();
      this.lost = false;
    };
    this.source.onerror = () => {
      this.lost = true;
      this.onState('lost');
      if (this.source.readyState === EventSource.CLOSED && !this.closed) {
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.open(), this.delay);
        this.delay = Math.min(this.delay * 2, 10000);
      }
    };
    this.source.addEventListener('timeline', (message) => this.onEvent(JSON.parse(message.data)));
    return this;
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    this.source?.close();
  }
}
