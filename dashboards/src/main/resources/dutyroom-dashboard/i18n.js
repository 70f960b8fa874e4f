// The screen's two languages. Static text carries data-i18n="key"; code asks t(key). The names are
// the duty room's own (domain.md's glossary): 报警 alarm, 工单 work order, 回访 return visit, …
// The choice is kept per browser; a change re-renders every screen through onLanguageChange.

const WORDS = {
  'app.title': ['值班室', 'Duty room'],
  'nav.overview': ['总览', 'Overview'],
  'nav.alarms': ['报警', 'Alarms'],
  'nav.workorders': ['工单', 'Work orders'],
  'nav.equipment': ['设备', 'Equipment'],
  'nav.timeline': ['时间线', 'Timeline'],
  'nav.desk': ['巡查与投诉', 'Patrols & complaints'],
  'nav.drills': ['演练', 'Drills'],
  'nav.label': ['画面', 'Screens'],
  'lang.switch': ['English', '中文'],
  'lang.switchLabel': ['切换到英文', 'Switch to Chinese'],
  'feed.connecting': ['连接中…', 'connecting…'],
  'feed.live': ['实时', 'live'],
  'feed.lost': ['连接中断', 'connection lost'],
  'feed.unreachable': ['无法连接', 'hub unreachable'],
  'feed.signed-out': ['未登录', 'signed out'],
  'connection.lost': ['与值班系统的连接已中断，正在重连……画面上的数据可能已过时。', 'Connection to the hub lost; reconnecting… What the screen shows may be out of date.'],
  'connection.unreachable': ['无法连接值班系统，正在重试……', 'The hub cannot be reached; trying again…'],
  'session.ended': ['会话已结束，请重新登录', 'Your session has ended: log in again'],
  'login.title': ['登录', 'Log in'],
  'login.user': ['用户名', 'User name'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Log in'],
  'login.wallScreen': ['值班室大屏：打开时保持登录（最长 12 小时）', 'Wall screen: stay logged in while open (up to 12 h)'],
  'login.failed': ['登录失败', 'Log-in failed'],
  'login.throttled': ['尝试过多，请稍后再试', 'Too many attempts; wait a minute'],
  'logout': ['退出', 'Log out'],
  'login.off': ['本机未开启登录：请输入您的用户名，操作将记在此名下。', 'Log-in is off on this hub (loopback only): give your user name, and your actions are recorded under it.'],
  'password.title': ['设置新密码', 'Set a new password'],
  'password.why': ['这是一次性密码，请先设置您自己的密码。', 'This was a one-time password: set one of your own first.'],
  'password.current': ['当前密码', 'Current password'],
  'password.new': ['新密码', 'New password'],
  'password.repeat': ['再次输入新密码', 'New password again'],
  'password.submit': ['保存', 'Save'],
  'password.mismatch': ['两次输入的新密码不一致', 'The two new passwords differ'],
  'role.duty-engineer': ['值班工程师', 'duty engineer'],
  'role.supervisor': ['主管', 'supervisor'],
  'role.desk': ['客服', 'desk'],
  'role.admin': ['管理员', 'admin'],

  'priority.urgent': ['紧急', 'urgent'],
  'priority.high': ['高', 'high'],
  'priority.medium': ['中', 'medium'],
  'priority.low': ['低', 'low'],
  'state.unacknowledged': ['未确认', 'unacknowledged'],
  'state.acknowledged': ['已确认', 'acknowledged'],
  'state.returned-unacknowledged': ['已恢复未确认', 'returned, unacknowledged'],
  'state.shelved': ['搁置', 'shelved'],
  'state.suppressed': ['抑制', 'suppressed'],
  'state.out-of-service': ['停用', 'out of service'],

  'alarms.title': ['报警', 'Alarms'],
  'alarms.open': ['未关闭 {n} 条', '{n} open'],
  'alarms.drill': ['演练 {n} 条', '{n} drill'],
  'alarms.none': ['无报警', 'No open alarms'],
  'alarms.priority': ['优先级', 'Priority'],
  'alarms.device': ['设备', 'Device'],
  'alarms.alarm': ['报警', 'Alarm'],
  'alarms.state': ['状态', 'State'],
  'alarms.raised': ['时间', 'Raised'],
  'alarms.action': ['操作', 'Action'],
  'alarms.acknowledge': ['确认', 'Acknowledge'],
  'alarms.shelve': ['搁置', 'Shelve'],
  'alarms.unshelve': ['取消搁置', 'Unshelve'],
  'alarms.comment': ['备注', 'Comment'],
  'alarms.drillMark': ['（演练）', ' (drill)'],
  'alarms.keys': ['键盘：↑↓ 选择报警，A 确认，S 搁置，C 备注', 'Keyboard: ↑↓ choose an alarm, A acknowledge, S shelve, C comment'],
  'alarms.flood': ['报警泛滥：{site} 自 {since} 起 {n} 条；首发报警：{first}', 'Alarm flood at {site}: {n} alarms since {since}; first out: {first}'],
  'sound.on': ['提示音：开', 'Sound: on'],
  'sound.off': ['提示音：关', 'Sound: off'],
  'shelve.title': ['搁置报警', 'Shelve alarm'],
  'shelve.reason': ['原因', 'Reason'],
  'shelve.for': ['时长', 'For'],
  'comment.title': ['备注', 'Comment'],
  'comment.text': ['内容', 'Text'],
  'dialog.cancel': ['取消', 'Cancel'],
  'dialog.ok': ['确定', 'OK'],
  'action.failed': ['操作失败', 'The action failed'],

  'overview.title': ['园区总览', 'Estate overview'],
  'overview.normal': ['正常', 'normal'],
  'overview.commLoss': ['通信中断 {n}', 'comm loss {n}'],
  'overview.devices': ['{n} 台设备', '{n} devices'],
  'overview.alarms': ['{priority} {n}', '{priority} ×{n}'],
  'overview.building': ['楼栋', 'Building'],
  'category.water': ['给水', 'Water'],
  'category.drainage': ['排水', 'Drainage'],
  'category.fire': ['消防', 'Fire'],
  'category.power': ['供配电', 'Power'],
  'category.elevator': ['电梯', 'Elevators'],
  'category.access': ['门禁', 'Access'],
  'category.other': ['其他', 'Other'],
  'category.civil': ['土建', 'Civil'],

  'wo.title': ['工单看板', 'Work-order board'],
  'wo.state.created': ['新建', 'Created'],
  'wo.state.dispatched': ['已派工', 'Dispatched'],
  'wo.state.accepted': ['已接单', 'Accepted'],
  'wo.state.on-site': ['已到场', 'On site'],
  'wo.state.resolved': ['已完工', 'Resolved'],
  'wo.state.verified': ['已回访', 'Return visit done'],
  'wo.state.closed': ['已关闭', 'Closed'],
  'wo.state.cancelled': ['已取消', 'Cancelled'],
  'wo.empty': ['无', 'None'],
  'wo.assignee': ['负责人', 'Assignee'],
  'wo.nobody': ['未派工', 'not dispatched'],
  'wo.step.dispatch': ['派工', 'Dispatch'],
  'wo.step.accept': ['接单', 'Accept'],
  'wo.step.arrive': ['到场', 'Arrived on site'],
  'wo.step.resolve': ['完工', 'Resolve'],
  'wo.step.return-visit': ['回访', 'Return visit'],
  'wo.step.close': ['关闭', 'Close'],
  'wo.sla.respond': ['响应', 'respond'],
  'wo.sla.arrive': ['到场', 'arrive'],
  'wo.sla.resolve': ['完工', 'resolve'],
  'wo.sla.left': ['{step}剩余 {time}', '{step}: {time} left'],
  'wo.sla.dueSoon': ['{step}即将超时，剩余 {time}', '{step} due soon: {time} left'],
  'wo.sla.overdue': ['{step}已超时 {time}', '{step} overdue by {time}'],
  'wo.recurring': ['重复报修', 'recurring'],
  'wo.drill': ['演练', 'drill'],
  'wo.note': ['说明', 'Note'],
  'wo.rating': ['满意度（1–5）', 'Rating (1–5)'],
  'wo.fixed': ['已修好', 'Fixed'],
  'wo.assignTo': ['派给', 'Assign to'],

  'equipment.title': ['设备', 'Equipment'],
  'equipment.all': ['全部', 'All'],
  'equipment.device': ['设备', 'Device'],
  'equipment.building': ['楼栋', 'Building'],
  'equipment.kind': ['类别', 'Kind'],
  'equipment.state': ['通信', 'Communication'],
  'equipment.lastSeen': ['最近数据', 'Last seen'],
  'equipment.online': ['在线', 'online'],
  'equipment.offline': ['离线', 'offline'],
  'equipment.unknown': ['未知', 'unknown'],
  'equipment.unregistered': ['未登记', 'unregistered'],
  'equipment.back': ['返回设备列表', 'Back to the list'],
  'equipment.points': ['测点', 'Points'],
  'equipment.point': ['测点', 'Point'],
  'equipment.value': ['值', 'Value'],
  'equipment.at': ['时间', 'At'],
  'equipment.quality': ['质量', 'Quality'],
  'equipment.trend': ['趋势', 'Trend'],
  'equipment.range': ['时段', 'Range'],
  'equipment.hour': ['1 小时', 'Last hour'],
  'equipment.day': ['1 天', 'Last day'],
  'equipment.week': ['1 周', 'Last week'],
  'equipment.noData': ['该时段无数据', 'No readings in this range'],
  'equipment.alarmHistory': ['报警记录', 'Alarm history'],
  'equipment.workOrders': ['工单记录', 'Work orders'],
  'equipment.min': ['最小', 'min'],
  'equipment.avg': ['平均', 'mean'],
  'equipment.max': ['最大', 'max'],
  'bool.true': ['是', 'yes'],
  'bool.false': ['否', 'no'],

  'timeline.title': ['时间线', 'Timeline'],
  'timeline.building': ['楼栋', 'Building'],
  'timeline.kind': ['类别', 'Kind'],
  'timeline.severity': ['最低级别', 'At least'],
  'timeline.q': ['搜索', 'Search'],
  'timeline.apply': ['筛选', 'Filter'],
  'timeline.any': ['全部', 'Any'],
  'severity.info': ['信息', 'info'],
  'severity.warning': ['警告', 'warning'],
  'severity.critical': ['严重', 'critical'],
  'kind.device': ['设备', 'devices'],
  'kind.alarm': ['报警', 'alarms'],
  'kind.workorder': ['工单', 'work orders'],
  'kind.patrol': ['巡查', 'patrols'],
  'kind.complaint': ['投诉', 'complaints'],
  'kind.drill': ['演练', 'drills'],
  'kind.shift': ['交接班', 'shift handover'],

  'desk.patrols': ['今日巡查', "Today's patrols"],
  'desk.route': ['路线', 'Route'],
  'desk.window': ['时段', 'Window'],
  'desk.status': ['状态', 'Status'],
  'desk.missed': ['漏巡', 'Missed checkpoints'],
  'desk.noRounds': ['今日无巡查', 'No rounds today'],
  'desk.round.open': ['进行中', 'in progress'],
  'desk.round.upcoming': ['未开始', 'upcoming'],
  'desk.round.unjudged': ['未判定（系统当时未运行）', 'not judged (the hub was not running)'],
  'desk.round.judged': ['完成率 {pct}%', '{pct}% done'],
  'desk.complaints': ['未关闭投诉', 'Open complaints'],
  'desk.complaint': ['投诉', 'Complaint'],
  'desk.unit': ['房号', 'Unit'],
  'desk.summary': ['内容', 'Summary'],
  'desk.state': ['状态', 'State'],
  'desk.owner': ['首问责任人', 'Owner'],
  'desk.noComplaints': ['无未关闭投诉', 'No open complaints'],
  'desk.overdue': ['超时：{step}', 'overdue: {step}'],
  'desk.overdueVisits': ['回访超时', 'Overdue return visits'],
  'desk.noOverdueVisits': ['无超时回访', 'No overdue return visits'],
  'desk.round.progress': ['进行中 · 已巡 {done}/{all}', 'in progress · {done} of {all} scanned'],
  'desk.pastDue': ['已过时未巡', 'Past due, not scanned'],
  'desk.place': ['楼栋 · 房号', 'Building · unit'],
  'desk.deadline': ['登记时间或超时步骤', 'Received, or the step overdue'],
  'desk.resident': ['住户', 'Resident'],
  'desk.action': ['操作', 'Action'],
  'desk.showResident': ['查看住户信息', 'Show resident'],
  'desk.hideResident': ['隐藏', 'Hide'],
  'desk.workOrder': ['维修工单 {id}', 'repair work order {id}'],
  'desk.record': ['登记投诉', 'Record a complaint'],
  'desk.channel': ['渠道', 'Channel'],
  'desk.building': ['楼栋', 'Building'],
  'desk.matter': ['投诉内容', 'The matter'],
  'desk.residentName': ['住户姓名', "Resident's name"],
  'desk.residentPhone': ['联系电话', "Resident's phone"],
  'desk.kind': ['性质', 'Kind'],
  'desk.department': ['责任部门', 'Department'],
  'desk.major': ['重大投诉（报管理处主任）', 'Major (to the office director)'],
  'desk.note': ['说明', 'Note'],
  'desk.repair': ['需要维修（开维修工单）', 'Needs a repair (opens a work order)'],
  'desk.result': ['处理结果', 'Result'],
  'desk.satisfied': ['住户满意', 'Resident satisfied'],
  'desk.needsDepartment': ['分派须同时选择性质和责任部门', 'Assigning needs both the kind and the department'],
  'desk.repairNeedsAssign': ['开维修工单须先选择性质和责任部门', 'A repair needs the kind and the department first'],
  'desk.step.assign': ['分派', 'Assign'],
  'desk.step.handle': ['受理', 'Handle'],
  'desk.step.resolve': ['解决', 'Resolve'],
  'desk.step.return-visit': ['回访', 'Return visit'],
  'desk.step.close': ['关闭', 'Close'],
  'desk.visit.complaint': ['投诉', 'Complaint'],
  'desk.visit.workOrder': ['工单', 'Work order'],
  'channel.phone': ['电话', 'phone'],
  'channel.visit': ['来访', 'visit'],
  'channel.letter': ['信函/传真', 'letter or fax'],
  'channel.email-web': ['邮件/网络', 'e-mail or web'],
  'complaint.kind.none': ['暂不判定', 'not judged yet'],
  'complaint.kind.help-seeking': ['求助型', 'help-seeking'],
  'complaint.kind.consultation': ['咨询型', 'consultation'],
  'complaint.kind.venting': ['发泄型', 'venting'],
  'department.none': ['暂不分派', 'not assigned yet'],
  'department.engineering': ['工程部', 'Engineering'],
  'department.security': ['秩序部', 'Security'],
  'department.cleaning': ['保洁绿化', 'Cleaning and landscaping'],
  'department.customer-service': ['客服部', 'Customer service'],
  'complaint.state.recorded': ['已登记', 'recorded'],
  'complaint.state.assigned': ['已分派', 'assigned'],
  'complaint.state.handling': ['处理中', 'handling'],
  'complaint.state.resolved': ['已解决', 'resolved'],
  'complaint.state.return-visited': ['已回访', 'return visit done'],
  'complaint.state.closed': ['已关闭', 'closed'],
  'complaint.step.assign': ['分派', 'assign'],
  'complaint.step.resolve': ['解决', 'resolve'],
  'complaint.step.returnVisit': ['回访', 'return visit'],

  'drills.title': ['应急演练', 'Drills'],
  'drills.scenario': ['演练科目', 'Scenario'],
  'drills.building': ['楼栋', 'Building'],
  'drills.start': ['开始演练', 'Start drill'],
  'drills.unavailable': ['未连接模拟器，无法开始演练', 'No simulation attached: drills cannot be started'],
  'drills.none': ['尚无演练', 'No drills yet'],
  'drills.running': ['进行中', 'running'],
  'drills.scored': ['已评分', 'scored'],
  'drills.abandoned': ['未完成', 'abandoned'],
  'drills.step.acknowledge': ['确认报警', 'acknowledge'],
  'drills.step.dispatch': ['派工', 'dispatch'],
  'drills.step.arrive': ['到场', 'arrive'],
  'drills.step.release': ['解困', 'release'],
  'drills.waiting': ['等待中', 'waiting'],
  'drills.met': ['达标', 'met'],
  'drills.missed': ['超时', 'missed'],
  'drills.limit': ['限时 {time}', 'limit {time}'],
  'drills.score': ['{met}/{of} 项达标', '{met} of {of} within limits'],
  'drills.startedBy': ['{by} 于 {at} 开始', 'started by {by} at {at}'],
};

const STORE = 'dutyroom.lang';
let current = localStorage.getItem(STORE) === 'en' ? 'en' : 'zh-CN';
const listeners = [];

export function language() {
  return current;
}

/** The word for key in the current language, with {name} placeholders filled from values. */
export function t(key, values = {}) {
  const pair = WORDS[key];
  const text = pair ? pair[current === 'en' ? 1 : 0] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? ''));
}

/** A name the hub sends in both languages ({"zh": …, "en": …}), in the current one. */
export function pick(name, fallback = '') {
  if (!name) return fallback;
  return (current === 'en' ? name.en : name.zh) || name.zh || name.en || fallback;
}

/** Fills every [data-i18n] (text) and [data-i18n-label] (aria-label) under root. */
export function translate(root = document) {
  document.documentElement.lang = current;
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
}

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'zh-CN';
  localStorage.setItem(STORE, current);
  translate();
  listeners.forEach((listener) => listener(current));
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** A time of day in the current language's style. */
export function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString(current, { hour12: false }) : '—';
}

/** Hours and minutes, for patrol windows. */
export function hhmm(iso) {
  return iso ? new Date(iso).toLocaleTimeString(current, { hour12: false, hour: '2-digit', minute: '2-digit' }) : '—';
}

/** A date and time, for history lists. */
export function stamp(iso) {
  return iso ? new Date(iso).toLocaleString(current, { hour12: false }) : '—';
}

/** A duration in seconds as 1:05:09 or 4:32 (negative durations are shown by their size). */
export function duration(seconds) {
  const s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
