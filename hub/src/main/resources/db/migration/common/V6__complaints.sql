-- The complaint register (投诉 / 报修). The timeline holds every step; this table holds where each
-- complaint stands. resident_name and resident_phone are personal data: the API serves them in full
-- only at /api/v1/complaints/{id}/resident; the timeline, exports and reports mask them.
CREATE SEQUENCE complaint_number;

CREATE TABLE complaint (
    id                text        PRIMARY KEY,            -- C-000123, from complaint_number
    site_id           text        NOT NULL,
    unit              text        NOT NULL,               -- e.g. 3-2-1201; not personal data on its own
    building          text,
    floor             text,
    resident_name     text,                               -- personal data
    resident_phone    text,                               -- personal data
    channel           text        NOT NULL,               -- phone, visit, letter, email-web
    kind              text,                               -- help-seeking, consultation, venting; null until judged
    department        text,                               -- null until assigned
    summary           text        NOT NULL,
    matter            text        NOT NULL,               -- normalised, for recurrence
    source            text,                               -- the device the complaint is about, if any
    state             text        NOT NULL,
    owner             text        NOT NULL,               -- 首问责任制: who answers for it until it is closed
    received_by       text        NOT NULL,
    major             boolean     NOT NULL DEFAULT false,
    limits            jsonb       NOT NULL,               -- the step limits it was recorded under
    received_at       timestamptz NOT NULL,
    assigned_at       timestamptz,                        -- the current round's assignment
    resolved_at       timestamptz,
    return_visited_at timestamptz,
    closed_at         timestamptz,
    satisfied         boolean,                            -- the latest return visit
    result            text,
    return_visit_note text,
    overdue           jsonb       NOT NULL DEFAULT '[]'::jsonb, -- the step codes already raised overdue this round
    work_order_id     text,
    recurrence        integer     NOT NULL DEFAULT 1,     -- the same matter this quarter, this one included
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 0
);

CREATE INDEX complaint_open_idx ON complaint (state) WHERE state <> 'closed';
CREATE INDEX complaint_received_idx ON complaint (received_at DESC);
-- recurrence: the same matter from the same unit, or about the same equipment, this quarter
CREATE INDEX complaint_matter_idx ON complaint (site_id, unit, matter, received_at);
CREATE INDEX complaint_source_idx ON complaint (site_id, source, received_at) WHERE source IS NOT NULL;

-- The timeline's story of one complaint (the report counts its return visits and overdue steps).
CREATE INDEX timeline_event_complaint_idx ON timeline_event ((payload->>'complaintId')) WHERE kind LIKE 'complaint.%';
