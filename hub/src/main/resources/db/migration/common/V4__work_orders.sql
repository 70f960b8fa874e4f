-- Engineering work orders. The timeline holds every step; this table holds where each order stands.
CREATE SEQUENCE work_order_number;

CREATE TABLE work_order (
    id             text        PRIMARY KEY,              -- WO-000123, from work_order_number
    site_id        text        NOT NULL,
    source         text        NOT NULL,                 -- the device, or the place, the order is about
    origin         text        NOT NULL,                 -- alarm, desk, complaint, patrol
    policy         text        NOT NULL,
    category       text        NOT NULL,
    priority       text        NOT NULL,
    skill          text        NOT NULL,                 -- whom it is dispatched to, from its policy
    limits         jsonb       NOT NULL,                 -- the time limits it was opened under
    fault          text        NOT NULL,                 -- the alarm rule, or the fault the desk recorded
    summary        jsonb       NOT NULL,                 -- {zh, en}
    building       text,
    floor          text,
    state          text        NOT NULL,
    assignee       text,
    alarm_id       text,                                 -- the alarm that opened it
    linked_alarms  jsonb       NOT NULL DEFAULT '[]'::jsonb,
    drill          text,
    created_at     timestamptz NOT NULL,
    created_by     text        NOT NULL,
    updated_at     timestamptz NOT NULL,
    accepted_at    timestamptz,
    on_site_at     timestamptz,
    resolved_at    timestamptz,
    verified_at    timestamptz,
    closed_at      timestamptz,
    undispatched_at timestamptz,               -- when the hub said nobody on duty has the skill
    resolution     text,
    rating         integer,
    cancel_reason  text,
    reopen_count   integer     NOT NULL DEFAULT 0,
    recurrence     integer     NOT NULL DEFAULT 1,
    out_of_service boolean     NOT NULL DEFAULT false,
    sla            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    attachments    jsonb       NOT NULL DEFAULT '[]'::jsonb,
    version        bigint      NOT NULL DEFAULT 0
);

-- One open order per alarm source, whatever the number of hubs, retries or restarts: a second alarm
-- of the same equipment joins the open order instead of opening another. A drill's order is kept
-- apart from a real one on the same equipment.
CREATE UNIQUE INDEX work_order_one_open_per_source_idx ON work_order (site_id, source, (coalesce(drill, '')))
    WHERE origin = 'alarm' AND state NOT IN ('closed', 'cancelled');
CREATE INDEX work_order_open_idx ON work_order (state) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX work_order_created_idx ON work_order (created_at DESC);
CREATE INDEX work_order_recurrence_idx ON work_order (site_id, source, fault, created_at);
-- every alarm that opened or joined an order, so an alarm is never given two orders
CREATE INDEX work_order_alarms_idx ON work_order USING gin (linked_alarms);

-- The timeline's story of one order.
CREATE INDEX timeline_event_work_order_idx ON timeline_event ((payload->>'workOrderId')) WHERE kind LIKE 'workorder.%';

-- The shift handovers the hub recorded by itself: one per site and shift start, however many hubs run.
CREATE TABLE shift_handover (
    site_id     text        NOT NULL,
    shift_start timestamptz NOT NULL,
    shift_id    text        NOT NULL,
    PRIMARY KEY (site_id, shift_start)
);
