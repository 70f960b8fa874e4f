-- Log-in: the people who use the hub, and their sessions.
CREATE TABLE app_user (
    username      text        PRIMARY KEY,              -- lower case: a-z, 0-9, '.', '_', '-'
    display_name  text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('duty-engineer', 'supervisor', 'desk', 'admin')),
    password_hash text        NOT NULL,                 -- pbkdf2-sha256$<iterations>$<salt>$<hash>; never the password
    must_change   boolean     NOT NULL DEFAULT true,    -- set by whoever else chose the password; cleared when the user sets their own
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled      boolean     NOT NULL DEFAULT false    -- kept, not deleted: the timeline names them
);

CREATE TABLE app_session (
    token_hash   text        PRIMARY KEY,               -- SHA-256 of the token; the token itself is never stored
    username     text        NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    role         text        NOT NULL,                  -- the role at log-in, for the record
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,                  -- recorded at most once a minute
    expires_at   timestamptz NOT NULL                   -- absolute: created_at + auth.sessionLifetime
);
CREATE INDEX app_session_user_idx ON app_session (username);
CREATE INDEX app_session_expiry_idx ON app_session (expires_at);
