// The alarm console: open alarms, urgent first then newest (the hub's order); unacknowledged ones
// stand out by weight, a bar and the word, never by colour alone. Acknowledge, shelve and comment
// from the row's buttons or from the keyboard (↑/↓ between rows, A, S, C on the focused row).

import { get, post } from './api.js';
import { placeName } from './devices.js';
import { ask, button, el } from './dom.js';
import { clock, pick, t } from './i18n.js';
import { may } from './roles.js';

const body = document.querySelector('#alarms tbody');
const count = document.querySelector('#alarm-count');
const none = document.querySelector('#no-alarms');
const flood = document.querySelector('#flood');
const error = document.querySelector('#alarm-error');
const muteButton = document.querySelector('#mute');
const keys = document.querySelector('#screen-alarms .keys');
const announced = new Set();
let muted = localStorage.getItem('dutyroom.muted') === 'true';
let alarms = [];
let counts = { open: 0, drill: 0 };
let floods = { flooding: false, floods: [] };
const listeners = [];

/** Other screens (the overview's tiles) colour themselves from the same list. */
export function onAlarms(listener) {
  listeners.push(listener);
}

export function openAlarms() {
  return alarms;
}

function showMute() {
  muteButton.setAttribute('aria-pressed', String(muted));
  muteButton.textContent = muted ? t('sound.off') : t('sound.on');
}
muteButton.addEventListener('click', () => {
  muted = !muted;
  localStorage.setItem('dutyroom.muted', String(muted));
  showMute();
});

// One audio context for the page's life: a browser lets a page sound only after a person has
// pressed something on it, so the context is made (or woken) at the first key or click (the
// log-in does), and every cue after that plays through it.
let audio = null;
function audioContext() {
  audio ??= new AudioContext();
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  return audio;
}
for (const type of ['pointerdown', 'keydown']) {
  document.addEventListener(type, () => { try { audioContext(); } catch (e) { /* no audio here */ } }, { once: true, capture: true });
}

/** A short two-tone cue for a new urgent alarm, unless muted in this browser. */
function cue() {
  if (muted) return;
  try {
    const context = audioContext();
    // not yet allowed to sound (nobody has pressed anything on the page): tones scheduled now would
    // all play at the first key, maybe hours later, for an alarm long on the screen
    if (context.state !== 'running') return;
    [880, 660].forEach((hz, i) => {
      const tone = context.createOscillator();
      tone.frequency.value = hz;
      tone.connect(context.destination);
      tone.start(context.currentTime + i * 0.25);
      tone.stop(context.currentTime + i * 0.25 + 0.2);
    });
  } catch (e) { /* no audio device: the screen still shows it */ }
}

async function act(alarm, action, payload = {}) {
  try {
    await post(`/api/v1/alarms/${alarm.id}/${action}`, payload);
    error.textContent = '';
  } catch (e) {
    error.textContent = `${t('action.failed')}: ${e.message}`;
  }
  await load();
  body.querySelector(`tr[data-alarm="${alarm.id}"]`)?.focus();
}

async function shelve(alarm) {
  const values = await ask(`${t('shelve.title')}: ${pick(alarm.deviceName, alarm.device)} ${pick(alarm.name, alarm.rule)}`, [
    { name: 'reason', label: t('shelve.reason'), required: true, maxlength: 200 },
    { name: 'for', label: t('shelve.for'), options: [['30m', '30m'], ['2h', '2h'], ['8h', '8h'], ['1d', '1d']], value: '2h' },
  ], t('alarms.shelve'), t('dialog.cancel'));
  if (values) await act(alarm, 'shelve', values);
}

async function comment(alarm) {
  const values = await ask(`${t('comment.title')}: ${pick(alarm.deviceName, alarm.device)} ${pick(alarm.name, alarm.rule)}`,
    [{ name: 'text', label: t('comment.text'), required: true, maxlength: 1000 }], t('alarms.comment'), t('dialog.cancel'));
  if (values) await act(alarm, 'comments', values);
}

const canAcknowledge = (a) => a.state === 'unacknowledged' || a.state === 'returned-unacknowledged';
const canShelve = (a) => a.state !== 'shelved' && a.state !== 'out-of-service';

function row(a) {
  const device = pick(a.deviceName, a.device);
  // a role that may not act on alarms (the desk) reads the console without buttons or keys
  const acting = may('alarms');
  const tr = el('tr', { class: a.state, tabindex: 0, dataset: { alarm: a.id, rule: a.rule, device: a.device }, 'aria-label': `${t(`priority.${a.priority}`)} ${device} ${pick(a.name, a.rule)} ${t(`state.${a.state}`)}` },
    el('td', { class: `priority priority-${a.priority}` }, t(`priority.${a.priority}`)),
    el('td', {}, device === a.device ? a.device : `${device} (${a.device})`),
    el('td', {}, pick(a.name, a.rule), a.drill ? t('alarms.drillMark') : '', a.message && el('div', { class: 'message' }, pick(a.message))),
    el('td', { class: 'state' }, t(`state.${a.state}`)),
    el('td', {}, el('time', { datetime: a.raisedAt }, clock(a.raisedAt))),
    el('td', { class: 'actions' }, acting && [
      canAcknowledge(a) && button(t('alarms.acknowledge'), () => act(a, 'acknowledge'), { class: 'primary' }),
      canShelve(a) && button(t('alarms.shelve'), () => shelve(a)),
      a.state === 'shelved' && button(t('alarms.unshelve'), () => act(a, 'unshelve')),
      button(t('alarms.comment'), () => comment(a))]));
  tr.addEventListener('keydown', (event) => {
    if (event.target !== tr) return;
    const key = event.key.toLowerCase();
    if (event.key === 'ArrowDown') tr.nextElementSibling?.focus();
    else if (event.key === 'ArrowUp') tr.previousElementSibling?.focus();
    else if (key === 'a' && acting && canAcknowledge(a)) act(a, 'acknowledge');
    else if (key === 's' && acting && canShelve(a)) shelve(a);
    else if (key === 'c' && acting) comment(a);
    else return;
    event.preventDefault();
  });
  return tr;
}

function render() {
  const focused = document.activeElement?.dataset?.alarm;
  body.replaceChildren(...alarms.map(row));
  if (focused) body.querySelector(`tr[data-alarm="${focused}"]`)?.focus();
  none.hidden = alarms.length > 0;
  keys.hidden = !may('alarms');
  count.textContent = t('alarms.open', { n: counts.open }) + (counts.drill ? ` · ${t('alarms.drill', { n: counts.drill })}` : '');
  flood.hidden = !floods.flooding;
  if (floods.flooding) {
    const f = floods.floods[0];
    flood.textContent = t('alarms.flood', { site: placeName(f.site), n: f.alarms, since: clock(f.since),
      first: `${pick(f.firstOut.deviceName, f.firstOut.device ?? '')} ${pick(f.firstOut.name, f.firstOut.rule ?? f.firstOut.id)}` });
  }
  showMute();
}

export async function load() {
  const [list, flooding] = await Promise.all([get('/api/v1/alarms'), get('/api/v1/alarms/flood')]);
  alarms = list.alarms;
  counts = list.counts;
  floods = flooding;
  const current = new Set();
  for (const a of alarms) {
    const key = `${a.id}/${a.activations}`;
    current.add(key);
    if (a.priority === 'urgent' && a.state === 'unacknowledged' && !announced.has(key)) {
      announced.add(key);
      cue();
    }
  }
  // an alarm gone from the list is not announced again: a new activation has a new key
  for (const key of announced) if (!current.has(key)) announced.delete(key);
  render();
  listeners.forEach((listener) => listener(alarms));
}

export const alarmConsole = { load, render, follows: (e) => e.kind.startsWith('alarm.') };
