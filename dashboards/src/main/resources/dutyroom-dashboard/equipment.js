// Equipment: the device list (filtered by building and system, as a tile of the overview opens it)
// and one device's detail: every point's latest value with its unit, a trend chart of one point
// over the last hour, day or week from the hub's time buckets (uPlot, served as a WebJar), and the
// device's alarm and work-order history. The detail's values are live: while it is open on the
// screen, the page follows the device's readings (GET /api/v1/devices/{id}/live), updates the value
// cells in place, and fetches the trend again when a reading of its point arrives, at most once per
// bucket width. Closing the detail or leaving the screen closes the stream, so a screen nobody looks
// at costs the hub nothing and makes no requests of its own.

import uPlot from '/webjars/uplot/@uplot.version@/dist/uPlot.esm.js';
import { get } from './api.js';
import { allDevices, onDevices } from './devices.js';
import { button, el } from './dom.js';
import { eventText } from './events.js';
import { clock, pick, stamp, t } from './i18n.js';
import { LiveStream, streamUrl } from './live.js';

const list = document.querySelector('#equipment-list');
const listBody = document.querySelector('#devices tbody');
const buildingFilter = document.querySelector('#equipment-building');
const categoryFilter = document.querySelector('#equipment-category');
const detail = document.querySelector('#equipment-detail');
// each range: its length and bucket width in seconds, and the bucket width as the API takes it
const RANGES = { hour: [3600, 60, '1m'], day: [86400, 900, '15m'], week: [604800, 7200, '2h'] };
let shown = null; // the device whose detail is open: {id, point, range, points: its points by name}
let following = null; // the stream of the shown device's readings, while it is on the screen
let chart = null;
let trendAsked = 0; // when the trend was last asked for (ms), to ask at most once per bucket width
let trendTurn = 0; // the latest drawing of the trend: an earlier answer arriving late is dropped

export function showList(filter = {}) {
  closeDetail();
  if (filter.building !== undefined) buildingFilter.value = filter.building;
  if (filter.category !== undefined) categoryFilter.value = filter.category;
  renderList();
}

function options(select, values, label) {
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('equipment.all')), ...values.map((v) => el('option', { value: v }, label(v))));
  select.value = values.includes(chosen) ? chosen : '';
}

function renderList() {
  const devices = allDevices();
  options(buildingFilter, [...new Set(devices.map((d) => d.building).filter(Boolean))], (b) => b);
  options(categoryFilter, [...new Set(devices.map((d) => d.category).filter(Boolean))], (c) => t(`category.${c}`));
  const chosen = devices.filter((d) => (!buildingFilter.value || d.building === buildingFilter.value)
    && (!categoryFilter.value || d.category === categoryFilter.value));
  listBody.replaceChildren(...chosen.map((d) => el('tr', { dataset: { device: d.id } },
    el('td', {}, button(d.name ? `${pick(d.name)} (${d.id})` : `${d.id}${d.registered ? '' : ` (${t('equipment.unregistered')})`}`, () => openDetail(d.id), { class: 'link' })),
    el('td', {}, d.building ?? d.site),
    el('td', {}, d.category ? t(`category.${d.category}`) : '—'),
    el('td', { class: `connectivity-${d.connectivity}` }, t(`equipment.${d.connectivity}`)),
    el('td', {}, clock(d.lastSeen)))));
}
buildingFilter.addEventListener('change', renderList);
categoryFilter.addEventListener('change', renderList);

function closeDetail() {
  stopFollowing();
  trendTurn += 1; // a trend still on its way belongs to no page now
  chart?.destroy();
  chart = null;
  shown = null;
  detail.hidden = true;
  list.hidden = false;
}

export async function openDetail(id) {
  closeDetail();
  shown = { id, point: null, range: 'hour', points: new Map() };
  list.hidden = true;
  detail.hidden = false;
  await renderDetail();
  follow();
}

const onScreen = () => location.hash === '#equipment';

/** Follows the shown device's readings, while its detail is on the screen. */
function follow() {
  if (!shown || following || !onScreen()) return;
  const { id } = shown;
  following = new LiveStream(streamUrl(`/api/v1/devices/${encodeURIComponent(id)}/live`), 'reading', {
    onData: (reading) => { if (shown?.id === id) showReading(reading); },
  }).open();
}

/** Closes the stream of readings (the detail closed, the screen was left, or the session ended). */
export function stopFollowing() {
  following?.close();
  following = null;
}

// the screens are one page: leaving this one by the menu must close its stream too
window.addEventListener('hashchange', () => (onScreen() ? follow() : stopFollowing()));

function value(p) {
  if (p.value === undefined || p.value === null) return '—';
  if (p.type === 'bool') return t(p.value ? 'bool.true' : 'bool.false');
  return `${Number.isInteger(p.value) ? p.value : p.value.toFixed(2)}${p.unit ? ` ${p.unit}` : ''}`;
}

function pointRow(p) {
  return el('tr', { dataset: { point: p.name } },
    el('th', { scope: 'row' }, p.description ? `${pick(p.description)} (${p.name})` : p.name),
    el('td', { class: 'value' }, value(p)),
    el('td', { class: 'at' }, clock(p.ts)),
    el('td', { class: `quality quality-${p.quality ?? 'none'}` }, p.quality ?? '—'));
}

/** A reading from the stream: the new latest values go into their cells, in place. */
function showReading({ points }) {
  const rows = detail.querySelector('#points tbody');
  if (!rows) return;
  for (const [name, latest] of Object.entries(points)) {
    const p = { ...shown.points.get(name), name, ...latest };
    const row = rows.querySelector(`tr[data-point="${CSS.escape(name)}"]`);
    if (!row) {
      rows.append(pointRow(p)); // an unregistered device's new point
      continue;
    }
    row.querySelector('td.value').textContent = value(p);
    row.querySelector('td.at').textContent = clock(p.ts);
    const quality = row.querySelector('td.quality');
    quality.className = `quality quality-${p.quality}`;
    quality.textContent = p.quality;
  }
  if (shown.point in points && Date.now() - trendAsked >= RANGES[shown.range][1] * 1000) drawTrend().catch(() => {});
}

async function renderDetail() {
  const id = shown.id;
  const path = encodeURIComponent(id);
  const [device, history, orders] = await Promise.all([
    get(`/api/v1/devices/${path}`),
    get(`/api/v1/timeline?device=${path}&kind=alarm.*&limit=50`),
    get(`/api/v1/work-orders?source=${path}&limit=50`),
  ]);
  // another device was opened (or the page closed) while this one loaded: its answer is stale
  if (shown?.id !== id) return;
  shown.points = new Map(device.points.map((p) => [p.name, p]));
  const charted = device.points.filter((p) => p.type !== 'bool' && p.type !== undefined);
  shown.point ??= charted[0]?.name ?? null;
  const pointSelect = el('select', { id: 'trend-point', onchange: (e) => { shown.point = e.target.value; drawTrend(); } },
    charted.map((p) => el('option', { value: p.name, selected: p.name === shown.point }, p.description ? pick(p.description) : p.name)));
  const ranges = el('div', { role: 'group', 'aria-label': t('equipment.range') }, Object.keys(RANGES).map((r) => button(t(`equipment.${r}`), () => {
    shown.range = r;
    ranges.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === r)));
    drawTrend();
  }, { dataset: { range: r }, 'aria-pressed': String(r === shown.range) })));
  detail.replaceChildren(
    button(`← ${t('equipment.back')}`, () => showList()),
    el('h3', {}, device.name ? `${pick(device.name)} (${device.id})` : device.id,
      el('span', { class: `connectivity-${device.connectivity}` }, ` · ${t(`equipment.${device.connectivity}`)}`)),
    el('section', { 'aria-labelledby': 'points-title' }, el('h4', { id: 'points-title' }, t('equipment.points')),
      el('table', { id: 'points' }, el('thead', {}, el('tr', {}, ['point', 'value', 'at', 'quality'].map((k) => el('th', { scope: 'col' }, t(`equipment.${k}`))))),
        el('tbody', {}, device.points.map(pointRow)))),
    el('section', { 'aria-labelledby': 'trend-title' }, el('h4', { id: 'trend-title' }, t('equipment.trend')),
      charted.length ? el('div', { class: 'trend-controls' }, el('label', {}, `${t('equipment.point')} `, pointSelect), ranges) : null,
      el('div', { id: 'trend' }), el('p', { id: 'trend-empty', class: 'muted', hidden: true }, t('equipment.noData'))),
    el('section', {}, el('h4', {}, t('equipment.alarmHistory')),
      el('ol', { id: 'device-alarms', class: 'history' }, history.events.map((e) => el('li', { dataset: { kind: e.kind } },
        el('time', { datetime: e.ts }, stamp(e.ts)), ` ${eventText(e)}`)))),
    el('section', {}, el('h4', {}, t('equipment.workOrders')),
      el('ol', { id: 'device-work-orders', class: 'history' }, orders.workOrders.map((o) => el('li', { dataset: { workOrder: o.id } },
        el('time', { datetime: o.createdAt }, stamp(o.createdAt)), ` ${o.id} ${pick(o.summary)} · ${t(`wo.state.${o.state}`)}`)))));
  await drawTrend();
}

async function drawTrend() {
  const target = detail.querySelector('#trend');
  const empty = detail.querySelector('#trend-empty');
  const turn = ++trendTurn;
  if (!shown?.point || !target) {
    chart?.destroy();
    chart = null;
    return;
  }
  const [seconds, , bucket] = RANGES[shown.range];
  const to = new Date();
  const from = new Date(to.getTime() - seconds * 1000);
  trendAsked = to.getTime();
  const answer = await get(`/api/v1/devices/${encodeURIComponent(shown.id)}/telemetry?point=${encodeURIComponent(shown.point)}`
    + `&bucket=${bucket}&from=${from.toISOString()}&to=${to.toISOString()}`);
  if (turn !== trendTurn) return; // a later drawing (another point, range or device) has taken over
  chart?.destroy();
  chart = null;
  const rows = answer.buckets;
  empty.hidden = rows.length > 0;
  target.dataset.buckets = String(rows.length);
  if (!rows.length) return;
  const data = [rows.map((b) => Date.parse(b.ts) / 1000), rows.map((b) => b.min), rows.map((b) => b.avg), rows.map((b) => b.max)];
  chart = new uPlot({
    width: Math.max(320, target.clientWidth || 640), height: 240,
    // the whole chosen range, not just the buckets that have readings
    scales: { x: { time: true, range: [from.getTime() / 1000, to.getTime() / 1000] } },
    series: [{}, { label: t('equipment.min'), stroke: '#58a6ff', dash: [4, 4] }, { label: t('equipment.avg'), stroke: '#e6edf3', width: 2 },
      { label: t('equipment.max'), stroke: '#f0883e', dash: [4, 4] }],
    axes: [{ stroke: '#8b949e' }, { stroke: '#8b949e' }],
  }, data, target);
}

onDevices(() => { if (!shown) renderList(); });

export const equipment = {
  // after a log-in or a reconnection: the detail again, and its stream if it was closed meanwhile
  load: async () => { if (shown) { await renderDetail(); follow(); } },
  render: () => (shown ? renderDetail() : renderList()),
  follows: () => false,
};
