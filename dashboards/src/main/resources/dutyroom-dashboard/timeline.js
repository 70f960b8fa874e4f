// The timeline screen: the same events and filters as GET /api/v1/timeline (building, kind family,
// least severity, words in either language), kept live by a feed opened with the same filters, so
// the screen shows exactly what the API would answer.

import { get } from './api.js';
import { el } from './dom.js';
import { eventItem } from './events.js';
import { t } from './i18n.js';
import { timelineFeed } from './live.js';

const form = document.querySelector('#timeline-filter');
const list = document.querySelector('#timeline');
const buildings = form.elements.building;
const MAX_EVENTS = 200;
let feed = null;
let feedQuery = null; // the filters the open feed was opened with

function query() {
  const params = new URLSearchParams();
  for (const name of ['building', 'kind', 'severity', 'q']) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

function add(event) {
  if (list.querySelector(`li[data-id="${event.id}"]`)) return;
  list.prepend(eventItem(event));
  while (list.children.length > MAX_EVENTS) list.lastChild.remove();
}

export async function load() {
  const filter = query();
  const { events } = await get(`/api/v1/timeline?limit=100${filter ? `&${filter}` : ''}`);
  list.replaceChildren(...events.map(eventItem));
  if (!feed || feedQuery !== filter) {
    feed?.close();
    feedQuery = filter;
    feed = timelineFeed(filter, { onData: add, onResync: () => load() }).open();
  }
}

/** Closes the screen's feed (log-out); the next load opens it again. */
export function closeFeed() {
  feed?.close();
  feed = null;
}

export function fillBuildings(devices) {
  const chosen = buildings.value;
  const names = [...new Set(devices.map((d) => d.building).filter(Boolean))];
  buildings.replaceChildren(el('option', { value: '' }, t('timeline.any')), ...names.map((b) => el('option', { value: b }, b)));
  buildings.value = names.includes(chosen) ? chosen : '';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

export const timelineScreen = { load, render: () => load(), follows: () => false };
