-- A read-only database role for Grafana: SELECT on the tables the Dutyroom dashboards read, and
-- nothing else. Residents' names and phones (complaint.resident_name, resident_phone) and the log-in
-- tables (app_user, app_session) are not granted. Run it once as the hub's database owner or a
-- superuser, in the hub's database, naming the hub's schema (db.schema), the role and its password:
--
--   psql -d dutyroom -v schema=dutyroom -v role=dutyroom_grafana -v password='a long secret' -f reader-role.sql
--
-- Grants name tables, not "all tables", so that a table a later version adds is not shown to Grafana
-- unasked; run the GRANT lines again after an upgrade whose dashboards read a new table.
-- GrafanaQueriesIT runs this file against a real database and runs every dashboard query as the role.

CREATE ROLE :"role" LOGIN PASSWORD :'password';

GRANT USAGE ON SCHEMA :"schema" TO :"role";

GRANT SELECT ON :"schema".telemetry, :"schema".timeline_event, :"schema".alarm, :"schema".work_order,
    :"schema".patrol_round, :"schema".patrol_scan TO :"role";

GRANT SELECT (id, site_id, unit, building, floor, channel, kind, department, summary, matter, source, state,
    owner, received_by, major, limits, received_at, assigned_at, resolved_at, return_visited_at, closed_at,
    satisfied, result, return_visit_note, overdue, work_order_id, recurrence, updated_at, version)
    ON :"schema".complaint TO :"role";

-- The data source has no schema setting: the role finds the tables through its search path, the
-- hub's schema first, then public, where TimescaleDB's functions (time_bucket) live.
ALTER ROLE :"role" SET search_path = :"schema", public;

-- A dashboard can never write, and a runaway query is stopped.
ALTER ROLE :"role" SET default_transaction_read_only = on;
ALTER ROLE :"role" SET statement_timeout = '30s';
