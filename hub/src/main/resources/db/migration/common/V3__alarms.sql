-- Alarms: one row per alarm episode, from raised to back to normal. The timeline holds every
-- transition; this table holds where each alarm stands, for the API and for a restart.
CREATE TABLE alarm (
    id                uuid        PRIMARY KEY,
    site_id           text        NOT NULL,
    source            text        NOT NULL,   -- a device id, or gateway:<address>
    rule_id           text        NOT NULL,
    building          text,
    floor             text,
    source_name       jsonb       NOT NULL,
    rule              jsonb       NOT NULL,   -- name, priority, latch, message template, work-order policy
    state             text        NOT NULL,
    status            jsonb       NOT NULL,   -- base state, condition, masks
    drill             text,
    activations       integer     NOT NULL,
    raised_at         timestamptz NOT NULL,
    last_activated_at timestamptz NOT NULL,
    returned_at       timestamptz,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    closed_at         timestamptz,
    chattering        boolean     NOT NULL DEFAULT false,
    stale             boolean     NOT NULL DEFAULT false,
    message           jsonb       NOT NULL,
    snapshot          jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- One alarm per source and rule while it lasts, whatever the number of hubs or restarts.
CREATE UNIQUE INDEX alarm_one_open_idx ON alarm (site_id, source, rule_id) WHERE closed_at IS NULL;
CREATE INDEX alarm_source_idx ON alarm (source, raised_at DESC);
CREATE INDEX alarm_raised_idx ON alarm (raised_at DESC);

-- The alarm-management report reads alarm events of the timeline by kind and time.
CREATE INDEX timeline_event_alarm_idx ON timeline_event ((payload->>'alarmId')) WHERE kind LIKE 'alarm.%';
