-- Table of the Node-RED benchmark peer (bench/node-red). run.sh applies it with
--   psql -v ON_ERROR_STOP=1 -v schema=<schema> -f schema.sql
-- One row per point of each telemetry message. No index and no key, on purpose: the peer is the
-- plain pipeline a building team would write, and the bench compares it as such.
CREATE SCHEMA IF NOT EXISTS :"schema";
CREATE TABLE IF NOT EXISTS :"schema".peer_telemetry (
    ts     timestamptz,
    site   text,
    device text,
    point  text,
    value  double precision,
    alarm  boolean
);
