// What the logged-in role may do, so that the screen offers only the buttons the hub would accept.
// The same table as the hub's Access (docs/security.md): the hub still decides; this only spares a
// desk clerk buttons that would be refused. With log-in off there is no role (null): the hub then
// checks no role either, so everything is shown, as before.

const ENGINEERING = ['duty-engineer', 'supervisor', 'admin'];
const COMPLAINT_DESK = ['desk', 'supervisor', 'admin'];
const RULES = {
  alarms: ENGINEERING,
  workOrders: ENGINEERING,
  drills: ENGINEERING,
  complaints: COMPLAINT_DESK,
  residents: COMPLAINT_DESK,
};
// a repair's follow-up is the desk's too: the call back to the resident, and closing the order
const DESK_WORK_ORDER_STEPS = ['return-visit', 'close'];
let role = null;
let username = null;

export function setRole(code, user = null) {
  role = code ?? null;
  username = user;
}

/** Whether the current role may act on: alarms, workOrders, drills, complaints, residents. */
export function may(what) {
  return role === null || RULES[what].includes(role);
}

/**
 * Whether the current user may take this step of this work order: the engineering roles any step
 * (accepting only an order dispatched to them, as the hub rules), the desk the follow-up.
 */
export function mayStep(order, step) {
  if (role === null) return true;
  if (!may('workOrders')) return role === 'desk' && DESK_WORK_ORDER_STEPS.includes(step);
  return step !== 'accept' || order.assignee === username;
}
