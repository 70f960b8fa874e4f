// The estate overview: per site and building, one tile per system (water, drainage, fire, power,
// elevators, access), coloured by the worst active alarm of its equipment and saying it in words
// too; equipment that has lost communication is shown as such. A tile opens that equipment.

import { openAlarms, onAlarms } from './alarms.js';
import { allDevices, onDevices, placeName, sites } from './devices.js';
import { el } from './dom.js';
import { t } from './i18n.js';

const root = document.querySelector('#overview-tiles');
const SYSTEMS = ['water', 'drainage', 'fire', 'power', 'elevator', 'access'];
const RANK = { urgent: 4, high: 3, medium: 2, low: 1 };
// alarms that stand for a live condition; shelved, suppressed and out-of-service ones do not colour
const ACTIVE = new Set(['unacknowledged', 'acknowledged']);
let openEquipment = () => {};

/** The equipment screen, opened on a tile's building and system. */
export function whenTileChosen(handler) {
  openEquipment = handler;
}

function tile(site, building, system, devices, alarms) {
  const ids = new Set(devices.map((d) => d.id));
  const active = alarms.filter((a) => ids.has(a.device) && !a.drill && ACTIVE.has(a.state));
  const worst = active.reduce((w, a) => (RANK[a.priority] > (RANK[w] ?? 0) ? a.priority : w), null);
  const offline = devices.filter((d) => d.connectivity === 'offline').length;
  const status = worst ?? (offline ? 'comm-loss' : 'normal');
  const lines = [];
  if (worst) {
    for (const p of ['urgent', 'high', 'medium', 'low']) {
      const n = active.filter((a) => a.priority === p).length;
      if (n) lines.push(el('span', { class: `priority-${p}` }, t('overview.alarms', { priority: t(`priority.${p}`), n })));
    }
  }
  if (offline) lines.push(el('span', { class: 'comm-loss' }, t('overview.commLoss', { n: offline })));
  if (!lines.length) lines.push(el('span', {}, t('overview.normal')));
  return el('button', { type: 'button', class: `tile status-${status}`, dataset: { site, building, system, status },
    onclick: () => openEquipment({ building, category: system }) },
    el('strong', {}, t(`category.${system}`)), ...lines, el('small', {}, t('overview.devices', { n: devices.length })));
}

export function render() {
  const devices = allDevices().filter((d) => d.registered);
  const alarms = openAlarms();
  root.replaceChildren(...sites().map(({ site, buildings }) => el('section', { class: 'site', dataset: { site } },
    el('h3', {}, placeName(site)),
    ...buildings.map((building) => {
      const mine = devices.filter((d) => d.site === site && d.building === building);
      const systems = [...SYSTEMS, ...new Set(mine.map((d) => d.category).filter((c) => !SYSTEMS.includes(c)))]
        .filter((s) => mine.some((d) => d.category === s));
      return el('div', { class: 'building', dataset: { building } },
        el('h4', {}, placeName(building) === building ? `${t('overview.building')} ${building}` : placeName(building)),
        el('div', { class: 'tiles' }, systems.map((s) => tile(site, building, s, mine.filter((d) => d.category === s), alarms))));
    }))));
}

onDevices(render);
onAlarms(render);

export const overview = { load: async () => {}, render, follows: () => false };
