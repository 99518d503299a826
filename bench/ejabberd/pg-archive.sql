-- mod_mam's tables for PostgreSQL, from ejabberd 23.01's sql/pg.sql (the old schema, which is
-- the default: new_sql_schema false). Debian's package ships only the SQLite schema.
CREATE TABLE IF NOT EXISTS archive (
    username text NOT NULL,
    timestamp BIGINT NOT NULL,
    peer text NOT NULL,
    bare_peer text NOT NULL,
    xml text NOT NULL,
    txt text,
    id BIGSERIAL,
    kind text,
    nick text,
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS i_username_timestamp ON archive USING btree (username, timestamp);
CREATE INDEX IF NOT EXISTS i_username_peer ON archive USING btree (username, peer);
CREATE INDEX IF NOT EXISTS i_username_bare_peer ON archive USING btree (username, bare_peer);
CREATE INDEX IF NOT EXISTS i_timestamp ON archive USING btree (timestamp);
CREATE TABLE IF NOT EXISTS archive_prefs (
    username text NOT NULL PRIMARY KEY,
    def text NOT NULL,
    always text NOT NULL,
    never text NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
