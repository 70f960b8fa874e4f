// The work-order board: a column per state, each card with its time limits counting down (amber
// at 80 % gone, red once overdue, and the words saying which), and the next steps as buttons:
// dispatch, accept, arrive, resolve, return visit, close. Countdowns tick here, every second, from
// the due times the hub sent; the orders themselves reload only on workorder.* events.

import { get, post } from './api.js';
import { ask, button, el } from './dom.js';
import { duration, pick, t } from './i18n.js';
import { mayStep } from './roles.js';

const board = document.querySelector('#wo-board');
const error = document.querySelector('#wo-error');
const COLUMNS = ['created', 'dispatched', 'accepted', 'on-site', 'resolved', 'verified'];
const STEPS = {
  created: ['dispatch'],
  dispatched: ['accept', 'dispatch'],
  accepted: ['arrive', 'dispatch'],
  'on-site': ['resolve', 'dispatch'],
  resolved: ['return-visit'],
  verified: ['close'],
};
let orders = [];
let engineers = [];

/** The running limit of an order: the first started step not yet done. */
function runningClock(order) {
  return ['respond', 'arrive', 'resolve'].map((step) => [step, order.sla?.[step]])
    .find(([, c]) => c && !c.doneAt && ['running', 'due-soon', 'overdue'].includes(c.status));
}

function countdown(order, now = Date.now()) {
  const running = runningClock(order);
  if (!running) return null;
  const [step, c] = running;
  const left = (Date.parse(c.dueAt) - now) / 1000;
  const started = Date.parse(c.startedAt);
  const share = (now - started) / (Date.parse(c.dueAt) - started);
  const level = left < 0 ? 'overdue' : share >= 0.8 ? 'due-soon' : 'running';
  const words = { running: 'wo.sla.left', 'due-soon': 'wo.sla.dueSoon', overdue: 'wo.sla.overdue' }[level];
  return { level, text: t(words, { step: t(`wo.sla.${step}`), time: duration(left) }) };
}

async function step(order, name) {
  let body = {};
  if (name === 'dispatch') {
    const values = await ask(`${t('wo.step.dispatch')} ${order.id}`, [{ name: 'assignee', label: t('wo.assignTo'),
      options: engineers.map((e) => [e.id, `${pick(e.name, e.id)} (${e.id})`]), value: order.assignee }], t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = values;
  } else if (name === 'resolve') {
    const values = await ask(`${t('wo.step.resolve')} ${order.id}`, [{ name: 'note', label: t('wo.note'), required: true }], t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = values;
  } else if (name === 'return-visit') {
    const values = await ask(`${t('wo.step.return-visit')} ${order.id}`, [
      { name: 'rating', label: t('wo.rating'), type: 'number', min: 1, max: 5, value: '5', required: true },
      { name: 'fixed', label: t('wo.fixed'), type: 'checkbox', value: true },
      { name: 'note', label: t('wo.note') },
    ], t('dialog.ok'), t('dialog.cancel'));
    if (!values) return;
    body = { rating: Number(values.rating), fixed: values.fixed, ...(values.note ? { note: values.note } : {}) };
  }
  try {
    await post(`/api/v1/work-orders/${order.id}/${name}`, body);
    error.textContent = '';
  } catch (e) {
    error.textContent = `${t('action.failed')}: ${e.message}`;
  }
  await load();
}

function card(order) {
  const clock = countdown(order);
  return el('li', { class: `card priority-${order.priority}`, dataset: { workOrder: order.id, source: order.source, state: order.state } },
    el('header', {}, el('strong', {}, order.id), ' ', el('span', { class: `priority-${order.priority}` }, t(`priority.${order.priority}`)),
      order.drill && el('span', { class: 'tag' }, t('wo.drill')), order.recurring && el('span', { class: 'tag' }, t('wo.recurring'))),
    el('p', {}, pick(order.summary, order.source)),
    el('p', { class: 'muted' }, `${order.source}${order.building ? ` · ${order.building}` : ''}${order.floor ? `/${order.floor}` : ''}`),
    el('p', {}, `${t('wo.assignee')}: ${order.assignee ?? t('wo.nobody')}`),
    clock && el('p', { class: `sla sla-${clock.level}` }, clock.text),
    // only the steps this user may take: the desk follows repairs up, only the assignee accepts
    el('div', { class: 'actions' }, (STEPS[order.state] ?? []).filter((s) => mayStep(order, s)).map((s) => button(t(`wo.step.${s}`), () => step(order, s)))));
}

export function render() {
  board.replaceChildren(...COLUMNS.map((state) => {
    const mine = orders.filter((o) => o.state === state);
    return el('section', { class: 'column', dataset: { state }, 'aria-label': t(`wo.state.${state}`) },
      el('h3', {}, `${t(`wo.state.${state}`)} (${mine.length})`),
      mine.length ? el('ol', {}, mine.map(card)) : el('p', { class: 'muted' }, t('wo.empty')));
  }));
}

/** Only the countdown lines change each second, so focus and open dialogs are left alone. */
function tick() {
  for (const order of orders) {
    const line = board.querySelector(`li[data-work-order="${order.id}"] .sla`);
    const clock = countdown(order);
    if (!line || !clock) continue;
    line.textContent = clock.text;
    line.className = `sla sla-${clock.level}`;
  }
}
setInterval(tick, 1000);

export async function load() {
  const [list, roster] = await Promise.all([get('/api/v1/work-orders?open=true&limit=200'), get('/api/v1/roster')]);
  orders = list.workOrders;
  engineers = roster.engineers;
  render();
}

export const workOrderBoard = { load, render, follows: (e) => e.kind.startsWith('workorder.') };
