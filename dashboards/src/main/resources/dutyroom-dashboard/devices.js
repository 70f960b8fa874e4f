// The estate's devices as the hub lists them (/api/v1/devices), loaded once and again on device.*
// events; the overview, the equipment list and the drills' building choice all read this one copy.

import { get } from './api.js';

// the events that change the list: a card swipe (device.event) does not
const CHANGES = new Set(['device.online', 'device.offline', 'device.unregistered-seen']);
let devices = [];
const listeners = [];

export function allDevices() {
  return devices;
}

export function onDevices(listener) {
  listeners.push(listener);
}

export async function load() {
  devices = (await get('/api/v1/devices')).devices;
  listeners.forEach((listener) => listener(devices));
}

/** Sites, each with its buildings in registry order of first appearance. */
export function sites() {
  const bySite = new Map();
  for (const d of devices.filter((x) => x.registered)) {
    if (!bySite.has(d.site)) bySite.set(d.site, new Set());
    bySite.get(d.site).add(d.building);
  }
  return [...bySite].map(([site, buildings]) => ({ site, buildings: [...buildings] }));
}

export const deviceList = { load, render: () => listeners.forEach((l) => l(devices)), follows: (e) => CHANGES.has(e.kind) };
