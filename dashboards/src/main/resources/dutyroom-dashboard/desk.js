// Patrols and complaints, as the desk and the supervisor work them: today's rounds per route with
// their missed checkpoints (漏巡) once judged, and while a round runs the checkpoints already past
// their own time without a scan; the complaint register's open complaints, recorded and taken
// through their steps from here (assign, handle, resolve, return visit, close); and the return
// visits that are overdue, of complaints and of work orders alike.
//
// Residents' names and phones: the list is masked by the hub; the full details are asked for only
// when someone presses the button, since that read is the one place the hub serves them whole (and
// it records who read them). They are kept in this page's memory only, and forgotten at log-out.

import { actingAs, get, post } from './api.js';
import { sites } from './devices.js';
import { ask, button, el } from './dom.js';
import { hhmm, pick, stamp, t } from './i18n.js';
import { may } from './roles.js';

const roundsBody = document.querySelector('#rounds tbody');
const noRounds = document.querySelector('#no-rounds');
const complaintsBody = document.querySelector('#complaints tbody');
const noComplaints = document.querySelector('#no-complaints');
const overdueVisits = document.querySelector('#overdue-visits');
const noOverdueVisits = document.querySelector('#no-overdue-visits');
const recordButton = document.querySelector('#record-complaint');
const error = document.querySelector('#desk-error');

const CHANNELS = ['phone', 'visit', 'letter', 'email-web'];
const KINDS = ['help-seeking', 'consultation', 'venting'];
// the departments of a management office (domain.md); the hub takes any name, these are the usual ones
const DEPARTMENTS = ['engineering', 'security', 'cleaning', 'customer-service'];
/** The steps the hub allows from each state (docs/complaints.md), first the one that moves it on. */
const STEPS = {
  recorded: ['assign'],
  assigned: ['handle', 'assign'],
  handling: ['resolve', 'assign'],
  resolved: ['return-visit'],
  'return-visited': ['close'],
};

let routes = [];
let rounds = [];
let complaints = [];
let lateOrders = [];
/** complaint id → its resident in full, once someone asked for it. */
const revealed = new Map();

// ---- patrols ----

function checkpointName(route, id) {
  const checkpoint = route?.checkpoints.find((x) => x.id === id);
  return checkpoint ? `${pick(checkpoint.name, id)} (${id})` : id;
}

/** An open round's checkpoints past their own time without a scan, by the browser's clock, so the list keeps up between loads. */
function pastDue(r, now) {
  return (r.progress ?? []).filter((c) => c.status === 'overdue' || (c.status === 'waiting' && Date.parse(c.dueAt) <= now));
}

function roundStatus(r) {
  if (r.status === 'judged') return t('desk.round.judged', { pct: Math.round((r.completion ?? 0) * 100) });
  if (r.status === 'open' && r.progress) return t('desk.round.progress', { done: r.done, all: r.checkpoints });
  return t(`desk.round.${r.status}`);
}

function roundRow(r, now) {
  const route = routes.find((x) => x.id === r.route);
  const judgedMissed = (r.result ?? []).filter((c) => c.status === 'missed').map((c) => c.checkpoint);
  const late = r.status === 'open' ? pastDue(r, now).map((c) => c.checkpoint) : [];
  const ids = judgedMissed.length ? judgedMissed : late;
  const label = judgedMissed.length ? t('desk.missed') : t('desk.pastDue');
  return el('tr', { dataset: { round: r.id, route: r.route, status: r.status }, class: ids.length ? 'has-missed' : null },
    el('td', {}, route ? pick(route.name, r.route) : r.route),
    el('td', {}, `${hhmm(r.opens)}–${hhmm(r.closes)}`),
    el('td', {}, roundStatus(r)),
    el('td', { class: ids.length ? 'missed' : 'muted', dataset: { checkpoints: ids.join(' ') } },
      ids.length ? `${label}: ${ids.map((id) => checkpointName(route, id)).join('、')}` : '—'));
}

function renderRounds() {
  const now = Date.now();
  roundsBody.replaceChildren(...rounds.map((r) => roundRow(r, now)));
  noRounds.hidden = rounds.length > 0;
}
// a checkpoint's own time passes without an event: the rounds are looked at again every half minute
setInterval(() => {
  if (rounds.some((r) => r.status === 'open')) renderRounds();
}, 30_000);

// ---- complaints ----

const overdueSteps = (c) => Object.entries(c.steps ?? {}).filter(([, s]) => s.overdue).map(([step]) => step);
const stepName = (step) => t(`complaint.step.${step === 'return-visit' ? 'returnVisit' : step}`);
const options = (codes, prefix, blank) => [...(blank ? [['', t(blank)]] : []), ...codes.map((code) => [code, t(`${prefix}.${code}`)])];

async function act(path, body) {
  try {
    const answer = await post(path, body);
    error.textContent = '';
    return answer;
  } catch (e) {
    error.textContent = `${t('action.failed')}: ${e.message}`;
    return null;
  }
}

/** One step on a complaint, with its dialog where the step takes more than a press. */
async function step(c, name) {
  let body = {};
  if (name === 'assign') {
    const values = await ask(`${t('desk.step.assign')} ${c.id}`, [
      { name: 'kind', label: t('desk.kind'), options: options(KINDS, 'complaint.kind'), value: c.kind ?? 'help-seeking' },
      { name: 'department', label: t('desk.department'), options: options(DEPARTMENTS, 'department'), value: c.department ?? 'engineering' },
      { name: 'major', label: t('desk.major'), type: 'checkbox', value: false },
    ], t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = values;
  } else if (name === 'handle') {
    const values = await ask(`${t('desk.step.handle')} ${c.id}`, [
      { name: 'note', label: t('desk.note') },
      // a help-seeking complaint is mostly a repair (domain.md): offered ticked
      { name: 'repair', label: t('desk.repair'), type: 'checkbox', value: c.kind === 'help-seeking' },
    ], t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = { ...(values.note ? { note: values.note } : {}), ...(values.repair ? { repair: true } : {}) };
  } else if (name === 'resolve') {
    const values = await ask(`${t('desk.step.resolve')} ${c.id}`, [{ name: 'result', label: t('desk.result'), required: true, maxlength: 2000 }],
      t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = values;
  } else if (name === 'return-visit') {
    const values = await ask(`${t('desk.step.return-visit')} ${c.id}`, [
      { name: 'satisfied', label: t('desk.satisfied'), type: 'checkbox', value: true },
      { name: 'note', label: t('desk.note') },
    ], t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = { satisfied: values.satisfied, ...(values.note ? { note: values.note } : {}) };
  }
  await act(`/api/v1/complaints/${c.id}/${name}`, body);
  await load();
}

/** The record form: the register's fields, and optionally the first judgement (kind, department, a repair) at once. */
async function record(previous = {}) {
  const places = sites().flatMap((s) => s.buildings.map((b) => [`${s.site}/${b}`, `${b} (${s.site})`]));
  const values = await ask(t('desk.record'), [
    { name: 'channel', label: t('desk.channel'), options: options(CHANNELS, 'channel'), value: previous.channel ?? 'phone' },
    { name: 'place', label: t('desk.building'), options: places, value: previous.place },
    { name: 'unit', label: t('desk.unit'), required: true, maxlength: 64, value: previous.unit },
    { name: 'summary', label: t('desk.matter'), required: true, maxlength: 2000, value: previous.summary },
    { name: 'residentName', label: t('desk.residentName'), maxlength: 64, value: previous.residentName },
    { name: 'residentPhone', label: t('desk.residentPhone'), type: 'tel', maxlength: 32, value: previous.residentPhone },
    { name: 'kind', label: t('desk.kind'), options: options(KINDS, 'complaint.kind', 'complaint.kind.none'), value: previous.kind ?? '' },
    { name: 'department', label: t('desk.department'), options: options(DEPARTMENTS, 'department', 'department.none'), value: previous.department ?? '' },
    { name: 'repair', label: t('desk.repair'), type: 'checkbox', value: previous.repair === true },
  ], t('desk.record'), t('dialog.cancel'));
  if (!values) return;
  // checked before anything is sent, so that a half-judged complaint is not left behind
  const problem = Boolean(values.kind) !== Boolean(values.department) ? 'desk.needsDepartment'
    : values.repair && !values.kind ? 'desk.repairNeedsAssign' : null;
  if (problem) {
    error.textContent = t(problem);
    await record(values);
    return;
  }
  const [site, building] = values.place.split('/');
  const recorded = await act('/api/v1/complaints', {
    site, building, unit: values.unit, channel: values.channel, summary: values.summary,
    ...(values.residentName ? { residentName: values.residentName } : {}),
    ...(values.residentPhone ? { residentPhone: values.residentPhone } : {}),
  });
  // each further step is the hub's own step, recorded under the same person; one refused stops the rest
  if (recorded && values.kind && await act(`/api/v1/complaints/${recorded.id}/assign`, { kind: values.kind, department: values.department })) {
    if (values.repair) await act(`/api/v1/complaints/${recorded.id}/handle`, { repair: true });
  }
  await load();
}
recordButton.addEventListener('click', () => record());

async function reveal(c) {
  try {
    const user = actingAs();
    const answer = await get(`/api/v1/complaints/${c.id}/resident${user ? `?user=${encodeURIComponent(user)}` : ''}`);
    revealed.set(c.id, answer.resident);
    error.textContent = '';
  } catch (e) {
    error.textContent = `${t('action.failed')}: ${e.message}`;
  }
  render();
}

function residentCell(c) {
  const r = revealed.get(c.id);
  if (r) {
    return el('td', { class: 'resident', dataset: { revealed: 'true' } }, [r.name, r.phone].filter(Boolean).join(' ') || '—', ' ',
      button(t('desk.hideResident'), () => {
        revealed.delete(c.id);
        render();
      }));
  }
  return el('td', { class: 'resident' }, may('residents') ? button(t('desk.showResident'), () => reveal(c)) : '—');
}

function complaintRow(c) {
  const late = overdueSteps(c);
  return el('tr', { dataset: { complaint: c.id, state: c.state }, class: late.length ? 'overdue' : null },
    el('td', {}, c.id, c.major ? ' ⚑' : ''),
    el('td', {}, [c.building, c.unit].filter(Boolean).join(' · ') || '—'),
    el('td', {}, c.summary, c.workOrderId && el('div', { class: 'work-order muted', dataset: { workOrder: c.workOrderId } },
      t('desk.workOrder', { id: c.workOrderId }))),
    el('td', { class: 'state' }, t(`complaint.state.${c.state}`)),
    el('td', {}, c.owner),
    el('td', { class: late.length ? 'missed' : 'muted' }, late.length ? t('desk.overdue', { step: late.map(stepName).join('、') }) : stamp(c.receivedAt)),
    residentCell(c),
    el('td', { class: 'actions' }, may('complaints') ? (STEPS[c.state] ?? []).map((s) => button(t(`desk.step.${s}`), () => step(c, s))) : []));
}

// ---- overdue return visits: complaints and work orders ----

function overdueVisitItems() {
  const ofComplaints = complaints.filter((c) => c.steps?.['return-visit']?.overdue).map((c) => el('li', { dataset: { complaint: c.id } },
    `${t('desk.visit.complaint')} ${c.id} ${c.unit ?? ''} ${c.summary} · ${t('complaint.state.resolved')} ${stamp(c.resolvedAt)}`));
  const ofOrders = lateOrders.map((o) => el('li', { dataset: { workOrder: o.id } },
    `${t('desk.visit.workOrder')} ${o.id} ${o.source} ${pick(o.summary, '')} · ${t('wo.state.resolved')} ${stamp(o.resolvedAt)}`));
  return [...ofComplaints, ...ofOrders];
}

export function render() {
  renderRounds();
  recordButton.hidden = !may('complaints');
  complaintsBody.replaceChildren(...complaints.map(complaintRow));
  noComplaints.hidden = complaints.length > 0;
  const visits = overdueVisitItems();
  overdueVisits.replaceChildren(...visits);
  noOverdueVisits.hidden = visits.length > 0;
}

export async function load() {
  const [routeList, open, orders] = await Promise.all([get('/api/v1/patrols/routes'), get('/api/v1/complaints?open=true&limit=200'),
    get('/api/v1/work-orders?overdue=returnVisit&limit=200')]);
  routes = routeList.routes;
  const siteIds = [...new Set(routes.map((r) => r.site))];
  const days = await Promise.all(siteIds.map((site) => get(`/api/v1/patrols/rounds?site=${encodeURIComponent(site)}`)));
  rounds = days.flatMap((d) => d.rounds).sort((a, b) => a.opens.localeCompare(b.opens));
  complaints = open.complaints;
  lateOrders = orders.workOrders;
  render();
}

/** At log-out: nothing a resident told the desk stays in the page. */
export function forget() {
  revealed.clear();
  complaints = [];
  render();
}

export const desk = {
  load, render, forget,
  // a late work-order return visit is told as a workorder.* event (sla-breached), as is its visit
  // a resident's details being read changes nothing on this screen
  follows: (e) => e.kind !== 'complaint.resident-viewed'
    && (e.kind.startsWith('patrol.') || e.kind.startsWith('complaint.') || e.kind.startsWith('workorder.')),
};
