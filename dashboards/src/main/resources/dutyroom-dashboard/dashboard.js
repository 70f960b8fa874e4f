// The duty-room screen: the alarm console, the device list and the live timeline. The other screens
// of issue 8 (overview tiles, work-order board, equipment detail, patrols, complaints, drills) come next.
const devicesBody = document.querySelector('#devices tbody');
const timeline = document.querySelector('#timeline');
const feedState = document.querySelector('#feed-state');
const MAX_EVENTS = 200;

async function loadDevices() {
  const response = await fetch('/api/v1/devices');
  const { devices } = await response.json();
  devicesBody.replaceChildren(...devices.map(deviceRow));
}

function deviceRow(d) {
  const row = document.createElement('tr');
  row.dataset.device = d.id;
  const name = d.name ? `${d.name.zh} ${d.name.en}` : d.registered ? d.id : `${d.id} (unregistered 未登记)`;
  for (const [text, cls] of [[name], [d.site], [d.profile ?? '—'], [d.connectivity, `connectivity-${d.connectivity}`], [d.lastSeen ?? '—']]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (cls) cell.className = cls;
    row.append(cell);
  }
  return row;
}

function eventItem(e) {
  const item = document.createElement('li');
  item.className = `severity-${e.severity}`;
  item.dataset.kind = e.kind;
  const time = document.createElement('time');
  time.dateTime = e.ts;
  time.textContent = new Date(e.ts).toLocaleTimeString();
  item.append(time, `${e.kind} ${e.subject ?? ''}`);
  return item;
}

// ---- the alarm console: urgent first, then newest; unacknowledged ones stand out ----
const alarmsBody = document.querySelector('#alarms tbody');
const alarmCount = document.querySelector('#alarm-count');
const noAlarms = document.querySelector('#no-alarms');
const flood = document.querySelector('#flood');
const muteButton = document.querySelector('#mute');
const shelveDialog = document.querySelector('#shelve-dialog');
const PRIORITY = { urgent: '紧急 urgent', high: '高 high', medium: '中 medium', low: '低 low' };
const STATE = {
  unacknowledged: '未确认 unacknowledged', acknowledged: '已确认 acknowledged', 'returned-unacknowledged': '已恢复未确认 returned',
  shelved: '搁置 shelved', suppressed: '抑制 suppressed', 'out-of-service': '停用 out of service',
};
let muted = localStorage.getItem('dutyroom.muted') === 'true';
const announced = new Set();

function showMute() {
  muteButton.setAttribute('aria-pressed', String(muted));
  muteButton.textContent = muted ? '提示音已关 Sound off' : '提示音 Sound on';
}
muteButton.addEventListener('click', () => {
  muted = !muted;
  localStorage.setItem('dutyroom.muted', String(muted));
  showMute();
});
showMute();

/** A short two-tone cue for a new urgent alarm, unless muted in this browser. */
function cue() {
  if (muted) return;
  try {
    const audio = new AudioContext();
    [880, 660].forEach((hz, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = hz;
      tone.connect(audio.destination);
      tone.start(audio.currentTime + i * 0.25);
      tone.stop(audio.currentTime + i * 0.25 + 0.2);
    });
  } catch (e) { /* no audio device: the screen still shows it */ }
}

async function act(alarm, action, body = {}) {
  const response = await fetch(`/api/v1/alarms/${alarm.id}/${action}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const error = response.ok ? {} : await response.json().catch(() => ({}));
  document.querySelector('#alarm-error').textContent = response.ok ? '' : (error.error?.message ?? `${action} failed`);
  await loadAlarms();
}

function alarmRow(a) {
  const row = document.createElement('tr');
  row.dataset.alarm = a.id;
  row.dataset.rule = a.rule;
  row.dataset.device = a.device;
  row.className = a.state;
  const cells = [
    [PRIORITY[a.priority] ?? a.priority, `priority-${a.priority}`],
    [a.deviceName && a.deviceName.zh !== a.device ? `${a.deviceName.zh} ${a.device}` : a.device],
    [`${a.name?.zh ?? a.rule} ${a.name?.en ?? ''}${a.drill ? ' (演练 drill)' : ''}`],
    [STATE[a.state] ?? a.state, 'state'],
    [new Date(a.raisedAt).toLocaleTimeString()],
  ];
  for (const [text, cls] of cells) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (cls) cell.className = cls;
    row.append(cell);
  }
  const actions = document.createElement('td');
  if (a.state === 'unacknowledged' || a.state === 'returned-unacknowledged') {
    const ack = document.createElement('button');
    ack.type = 'button';
    ack.textContent = '确认 Acknowledge';
    ack.addEventListener('click', () => act(a, 'acknowledge'));
    actions.append(ack);
  }
  if (a.state === 'unacknowledged' || a.state === 'acknowledged') {
    const shelve = document.createElement('button');
    shelve.type = 'button';
    shelve.textContent = '搁置 Shelve';
    shelve.addEventListener('click', () => {
      document.querySelector('#shelve-what').textContent = `${a.device} ${a.rule}`;
      shelveDialog.onclose = () => {
        if (shelveDialog.returnValue !== 'shelve') return;
        const form = new FormData(document.querySelector('#shelve-form'));
        act(a, 'shelve', { reason: form.get('reason'), for: form.get('for') });
      };
      shelveDialog.showModal();
    });
    actions.append(shelve);
  }
  row.append(actions);
  return row;
}

async function loadAlarms() {
  const [list, floods] = await Promise.all([fetch('/api/v1/alarms'), fetch('/api/v1/alarms/flood')]);
  const { alarms, counts } = await list.json();
  alarmsBody.replaceChildren(...alarms.map(alarmRow));
  noAlarms.hidden = alarms.length > 0;
  alarmCount.textContent = `${counts.open} open 未关闭${counts.drill ? `, ${counts.drill} drill 演练` : ''}`;
  for (const a of alarms) {
    if (a.priority === 'urgent' && a.state === 'unacknowledged' && !announced.has(a.id + a.activations)) {
      announced.add(a.id + a.activations);
      cue();
    }
  }
  const { flooding, floods: active } = await floods.json();
  flood.hidden = !flooding;
  if (flooding) {
    const f = active[0];
    flood.textContent = `报警泛滥 Alarm flood at ${f.site}: ${f.alarms} alarms since ${new Date(f.since).toLocaleTimeString()}; `
      + `first out 首发: ${f.firstOut.device ?? ''} ${f.firstOut.rule ?? f.firstOut.id}`;
  }
}

async function loadTimeline() {
  const response = await fetch('/api/v1/timeline?limit=50');
  const { events } = await response.json();
  timeline.replaceChildren(...events.map(eventItem));
}

function follow() {
  const source = new EventSource('/api/v1/timeline/live');
  source.onopen = () => { feedState.dataset.state = 'live'; feedState.textContent = 'live 实时'; };
  source.onerror = () => { feedState.dataset.state = 'lost'; feedState.textContent = 'reconnecting 重连中…'; };
  source.addEventListener('timeline', (message) => {
    timeline.prepend(eventItem(JSON.parse(message.data)));
    while (timeline.children.length > MAX_EVENTS) timeline.lastChild.remove();
    if (message.data.includes('"device.')) loadDevices();
    if (message.data.includes('"alarm.')) loadAlarms();
  });
}

// Log-in: the hub answers 401 without a session; the form opens one (an HttpOnly cookie) and the
// screen starts. With log-in off, /api/v1/session says so (404) and the screen starts at once.
const loginForm = document.querySelector('#login');
const screen = document.querySelector('#screen');
const who = document.querySelector('#who');

async function start() {
  loginForm.hidden = true;
  screen.hidden = false;
  await Promise.all([loadDevices(), loadTimeline(), loadAlarms()]);
  follow();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    document.querySelector('#login-error').textContent =
      response.status === 429 ? '尝试过多，请稍后 Too many attempts, wait a minute' : body.error?.message ?? '登录失败 Log-in failed';
    return;
  }
  const session = await response.json();
  who.textContent = `${session.displayName ?? session.username} (${session.role})`;
  await start();
});

const session = await fetch('/api/v1/session');
if (session.status === 401) {
  loginForm.hidden = false;
} else {
  if (session.ok) {
    const me = await session.json();
    who.textContent = `${me.displayName ?? me.username} (${me.role})`;
  }
  await start();
}
