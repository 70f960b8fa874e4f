// The estate's devices as the hub lists them (/api/v1/devices), loaded once and again on device.*
// events; the overview, the equipment list and the drills' building choice all read this one copy.
// The estate's own names for its sites and buildings (/api/v1/sites) come with them.

import { get } from './api.js';
import { pick } from './i18n.js';

// the events that change the list: a card swipe (device.event) does not
const CHANGES = new Set(['device.online', 'device.offline', 'device.unregistered-seen']);
let devices = [];
let places = new Map(); // site or building id → its name in both languages
let layout = []; // the estate's sites and buildings, in its file's order
const listeners = [];

export function allDevices() {
  return devices;
}

export function onDevices(listener) {
  listeners.push(listener);
}

/** A site's or building's name in the current language, with its id where the estate gave it a name. */
export function placeName(id) {
  const name = places.get(id);
  return name ? `${pick(name)} (${id})` : id;
}

export async function load() {
  const [list, estate] = await Promise.all([get('/api/v1/devices'), get('/api/v1/sites')]);
  devices = list.devices;
  layout = estate.sites;
  places = new Map(estate.sites.flatMap((s) => [[s.id, s.name], ...s.buildings.map((b) => [b.id, b.name])]).filter(([, name]) => name));
  listeners.forEach((listener) => listener(devices));
}

/**
 * Sites, each with its buildings that have registered equipment, in the estate file's order (the
 * order its people know them in); a building the file does not list comes after, in device order.
 */
export function sites() {
  const bySite = new Map(layout.map((site) => [site.id, new Set(site.buildings.map((b) => b.id))]));
  const equipped = new Set();
  for (const d of devices.filter((x) => x.registered)) {
    if (!bySite.has(d.site)) bySite.set(d.site, new Set());
    bySite.get(d.site).add(d.building);
    equipped.add(`${d.site}/${d.building}`);
  }
  return [...bySite].map(([site, buildings]) => ({ site, buildings: [...buildings].filter((b) => equipped.has(`${site}/${b}`)) }))
    .filter((site) => site.buildings.length);
}

export const deviceList = { load, render: () => listeners.forEach((l) => l(devices)), follows: (e) => CHANGES.has(e.kind) };
