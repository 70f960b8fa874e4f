-- The timeline: every domain event of the duty room, in one append-only table.
CREATE TABLE timeline_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ts          timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    kind        text        NOT NULL,
    site_id     text,
    subject     text,
    severity    text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    payload     jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX timeline_event_ts_idx ON timeline_event (ts DESC, id DESC);
CREATE INDEX timeline_event_subject_idx ON timeline_event (subject, ts DESC, id DESC);
CREATE INDEX timeline_event_site_idx ON timeline_event (site_id, ts DESC, id DESC);
CREATE INDEX timeline_event_kind_idx ON timeline_event (kind, ts DESC, id DESC);

-- Append-only is a rule of the house; the database enforces it, not only the code.
CREATE FUNCTION timeline_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'timeline_event is append-only: % is not allowed', TG_OP;
END
$$;

CREATE TRIGGER timeline_event_append_only
    BEFORE UPDATE OR DELETE ON timeline_event
    FOR EACH ROW EXECUTE FUNCTION timeline_event_append_only();
