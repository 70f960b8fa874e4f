-- A reading is identified by its device, its point and the device's own timestamp. QoS 1 delivers at
-- least once, and after any crash the broker delivers again what the hub had not acknowledged, so
-- the same reading can arrive twice: the key makes storing it idempotent (the writer skips a
-- reading whose key is already stored). Both telemetry flavours partition by ts, which the key
-- includes, as a unique index on a partitioned table or a hypertable must.

-- Readings stored twice before the key existed: keep one of each. Rows with one key always share a
-- partition (or chunk), so comparing their physical positions is enough to pick one.
DELETE FROM telemetry later
USING telemetry earlier
WHERE later.device_id = earlier.device_id
  AND later.point = earlier.point
  AND later.ts = earlier.ts
  AND later.ctid > earlier.ctid;

DROP INDEX telemetry_device_point_ts_idx;

CREATE UNIQUE INDEX telemetry_reading_key ON telemetry (device_id, point, ts DESC);
