-- Drills started from the hub (演练): where each stands and, once finished, its score. The timeline
-- tells the story (drill.started, drill.scored, drill.abandoned); the drill's own alarms and work
-- orders carry its id in their drill column.
CREATE TABLE drills (
    id                  text        PRIMARY KEY,          -- the simulator's drill id: <scenario>-<UTC stamp>
    scenario            text        NOT NULL,
    name                jsonb       NOT NULL,             -- {zh, en}, as the simulator names the scenario
    site_id             text        NOT NULL,
    building            text        NOT NULL,
    started_at          timestamptz NOT NULL,
    started_by          text        NOT NULL,
    state               text        NOT NULL CHECK (state IN ('running', 'scored', 'abandoned')),
    devices             jsonb       NOT NULL,             -- {role: device id}
    acknowledge_within  text        NOT NULL,             -- ISO-8601 (PT3M): the acknowledge limit it runs under, drills.acknowledgeWithin at its start
    score               jsonb,                            -- the final score; null while running (then computed as asked)
    scored_at           timestamptz                       -- when the score became final: scored or abandoned
);
CREATE INDEX drills_started_idx ON drills (started_at DESC);
-- one running drill per building, however many hubs
CREATE UNIQUE INDEX drills_one_running_per_building_idx ON drills (site_id, building) WHERE state = 'running';

-- A drill's alarms and work orders, found by its id.
CREATE INDEX alarm_drill_idx ON alarm (drill) WHERE drill IS NOT NULL;
CREATE INDEX work_order_drill_idx ON work_order (drill) WHERE drill IS NOT NULL;
