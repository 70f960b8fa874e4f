-- Telemetry on plain PostgreSQL: natively partitioned by day. Daily partitions are created ahead
-- and dropped after the retention period by the hub (PostgresPartitions); the default partition
-- only catches a row whose day has no partition yet, so a write never fails for want of one.
CREATE TABLE telemetry (
    ts        timestamptz      NOT NULL,
    device_id text             NOT NULL,
    point     text             NOT NULL,
    value     double precision NOT NULL,
    quality   smallint         NOT NULL
) PARTITION BY RANGE (ts);

CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT;

CREATE INDEX telemetry_device_point_ts_idx ON telemetry (device_id, point, ts DESC);
