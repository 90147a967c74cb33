-- webwork_bi: read-only access for BI users (Metabase, Superset, psql) to the warehouse.
--
-- Grants USAGE and SELECT on schemas webwork and analytics (present and future tables and views)
-- and nothing on sync or batch (the job's own state). A DBA runs it by hand, as a superuser, in the
-- warehouse database, once the sync has migrated it (the schemas must exist). It is idempotent: run
-- it again after upgrades or to change the password.
--
--   psql "postgresql://admin@db.example.com/warehouse" \
--        -v bi_user=metabase -v bi_password="$METABASE_DB_PASSWORD" \
--        -f sql/roles/create_bi_readonly_role.sql
--
-- Without bi_password only the NOLOGIN group role webwork_bi is set up; grant it to existing users
-- (GRANT webwork_bi TO alice;). With bi_password a LOGIN user bi_user (default bi_reader) is created or
-- its password reset, and made a member of webwork_bi. The password never lives in this file: pass it
-- from the environment as above.
--
-- Not a Flyway migration: Flyway only runs files named V<version>__<name>.sql and ignores this one
-- (it ships in the jar under db/migration/roles/ all the same).

\set ON_ERROR_STOP on

DO $$
BEGIN
    IF to_regnamespace('webwork') IS NULL OR to_regnamespace('analytics') IS NULL THEN
        RAISE EXCEPTION 'schemas webwork and analytics are missing in database %: run webwork-sync once first', current_database();
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'webwork_bi') THEN
        CREATE ROLE webwork_bi NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO webwork_bi', current_database());
END $$;

COMMENT ON ROLE webwork_bi IS 'Read-only BI access to the webwork-sync warehouse: SELECT on schemas webwork and analytics, nothing on sync or batch.';

GRANT USAGE ON SCHEMA webwork, analytics TO webwork_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA webwork, analytics TO webwork_bi;

-- Tables and views that later migrations add: default privileges of the roles that create them (the
-- owner of the schemas and of the tables in them, i.e. the user webwork-sync migrates with).
DO $$
DECLARE
    creator name;
BEGIN
    FOR creator IN
        SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN ('webwork', 'analytics')
        UNION
        SELECT tableowner FROM pg_tables WHERE schemaname IN ('webwork', 'analytics')
        UNION
        SELECT viewowner FROM pg_views WHERE schemaname IN ('webwork', 'analytics')
    LOOP
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA webwork, analytics GRANT SELECT ON TABLES TO webwork_bi', creator);
    END LOOP;
END $$;

-- Nothing on the job's own state (a no-op unless someone granted it by hand).
REVOKE ALL ON ALL TABLES IN SCHEMA sync, batch FROM webwork_bi;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA sync, batch FROM webwork_bi;
REVOKE ALL ON SCHEMA sync, batch FROM webwork_bi;

-- The example LOGIN user.
\if :{?bi_user}
\else
\set bi_user bi_reader
\endif
\if :{?bi_password}
SET webwork_bi.login = :'bi_user';
SET webwork_bi.password = :'bi_password';
DO $$
DECLARE
    login text := current_setting('webwork_bi.login');
    secret text := current_setting('webwork_bi.password');
BEGIN
    IF secret = '' THEN
        RAISE EXCEPTION 'bi_password is empty';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', login, secret);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, secret);
    END IF;
    EXECUTE format('GRANT webwork_bi TO %I', login);
    -- belt and braces: its sessions start read-only (the grants already forbid writes to the warehouse)
    EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = on', login);
END $$;
RESET webwork_bi.login;
RESET webwork_bi.password;
\else
\echo 'webwork_bi is ready. No login user created: pass -v bi_password=... (and -v bi_user=NAME) to create one, or GRANT webwork_bi TO an existing user.'
\endif
