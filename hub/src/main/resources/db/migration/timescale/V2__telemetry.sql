-- Telemetry on TimescaleDB: a hypertable with daily chunks, compressed per device and point.
-- Compression and retention policies are applied by the hub at start from its configuration
-- (TimescalePolicies), so changing them needs no migration.
CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE telemetry (
    ts        timestamptz      NOT NULL,
    device_id text             NOT NULL,
    point     text             NOT NULL,
    value     double precision NOT NULL,
    quality   smallint         NOT NULL
);

SELECT create_hypertable('telemetry', 'ts', chunk_time_interval => INTERVAL '1 day');

CREATE INDEX telemetry_device_point_ts_idx ON telemetry (device_id, point, ts DESC);

ALTER TABLE telemetry SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'device_id, point',
    timescaledb.compress_orderby = 'ts DESC'
);
