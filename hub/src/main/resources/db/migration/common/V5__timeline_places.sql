-- The timeline by place and by words: where an event happened (building, floor) and the text a
-- person would search for, kept in columns so the duty room can ask "what happened in tower 1" or
-- "anything about the ramp drain" without reading every payload.
ALTER TABLE timeline_event ADD COLUMN building text, ADD COLUMN floor text, ADD COLUMN search text;

-- Events written before this version: their payloads name the place when they had one.
ALTER TABLE timeline_event DISABLE TRIGGER timeline_event_append_only;
UPDATE timeline_event SET building = payload->>'building', floor = payload->>'floor',
    search = lower(concat_ws(' ', kind, subject, payload->'message'->>'zh', payload->'message'->>'en',
        payload->'summary'->>'zh', payload->'summary'->>'en', payload->'name'->>'zh', payload->'name'->>'en',
        payload->>'text', payload->>'note', payload->>'reason'));
ALTER TABLE timeline_event ENABLE TRIGGER timeline_event_append_only;

CREATE INDEX timeline_event_building_idx ON timeline_event (site_id, building, ts DESC, id DESC);
