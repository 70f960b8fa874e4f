-- Patrols: every scan of a checkpoint, and every round judged when its window closed.
CREATE TABLE patrol_scan (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id       text        NOT NULL,
    route_id      text        NOT NULL,
    checkpoint_id text        NOT NULL,
    guard         text        NOT NULL,
    scanned_at    timestamptz NOT NULL,
    condition     text,                                 -- ok, attention, fault; null when nothing was recorded
    finding       text,
    photos        jsonb       NOT NULL DEFAULT '[]'::jsonb,
    via           text        NOT NULL,                 -- api or mqtt
    reader        text,                                 -- the checkpoint reader or phone that sent it over MQTT
    round_id      text,                                 -- the round it counts for; null outside every window
    work_order_id text,                                 -- the order a fault opened
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patrol_scan_route_idx ON patrol_scan (route_id, scanned_at);
-- a reader's message delivered twice (MQTT is at least once) or a client's retry is one scan
CREATE UNIQUE INDEX patrol_scan_once_idx ON patrol_scan (route_id, checkpoint_id, guard, scanned_at);
CREATE INDEX patrol_scan_guard_idx ON patrol_scan (site_id, guard, scanned_at);

-- A round is judged once, by whichever hub gets there first; the row is its result.
CREATE TABLE patrol_round (
    round_id     text        PRIMARY KEY,               -- <route>@<window start>
    site_id      text        NOT NULL,
    route_id     text        NOT NULL,
    opens        timestamptz NOT NULL,
    closes       timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,                  -- when the round was due to be judged: window end + late grace
    judged_at    timestamptz NOT NULL,
    checkpoints  integer     NOT NULL,
    done         integer     NOT NULL,
    early        integer     NOT NULL,
    late         integer     NOT NULL,
    missed       integer     NOT NULL,
    out_of_order boolean     NOT NULL,
    guards       jsonb       NOT NULL,
    result       jsonb       NOT NULL                   -- per checkpoint: status, guard, time
);
CREATE INDEX patrol_round_site_idx ON patrol_round (site_id, opens);
