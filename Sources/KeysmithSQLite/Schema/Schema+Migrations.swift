extension Schema {
    /// Version 1: users (with `me`), documents and folders with their shares, keys (the digest
    /// only, never the secret; a deleted key stays as a tombstone), custom endpoints in the
    /// order they were added (so grant indices are stable) and the audit log.
    ///
    /// Listings come back in creation order through the integer primary keys. Instants are
    /// seconds since the epoch; a NULL `expires_at` is `never`. Grant lists are names joined
    /// by commas (grant names cannot contain one).
    static let version1 = Migration(
        summary: "the first schema",
        sql: """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('member', 'admin'))
            );
            INSERT INTO users (name, role) VALUES ('me', 'member');

            CREATE TABLE resources (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('document', 'folder')),
                name TEXT NOT NULL,
                owner TEXT NOT NULL REFERENCES users (name),
                UNIQUE (kind, name)
            );

            CREATE TABLE shares (
                resource INTEGER NOT NULL REFERENCES resources (id),
                user TEXT NOT NULL REFERENCES users (name),
                role TEXT NOT NULL CHECK (role IN ('view', 'edit')),
                PRIMARY KEY (resource, user)
            ) WITHOUT ROWID;

            CREATE TABLE api_keys (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                owner TEXT NOT NULL REFERENCES users (name),
                name TEXT NOT NULL,
                expires_at INTEGER,
                grants TEXT NOT NULL,
                digest BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
                created_at INTEGER NOT NULL,
                last_used_at INTEGER,
                deleted_at INTEGER
            );
            CREATE INDEX api_keys_by_owner ON api_keys (owner, seq);

            CREATE TABLE custom_endpoints (
                position INTEGER PRIMARY KEY,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                accepts_api_keys INTEGER NOT NULL,
                grants TEXT NOT NULL,
                access TEXT NOT NULL
            );

            CREATE TABLE audit_log (
                sequence INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                key_id TEXT,
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            """)

    /// Version 2: an index on the audit log by key, for a key's history without a scan.
    static let version2 = Migration(
        summary: "index the audit log by key",
        sql: """
            CREATE INDEX audit_log_by_key ON audit_log (key_id) WHERE key_id IS NOT NULL;
            """)

    /// Version 3: the store's latest instant (Docs: The key model, Time), one row, so time only moves
    /// forward for every process that opens the store. An older store starts from its newest
    /// audit entry: every change and every check it ever made is there.
    static let version3 = Migration(
        summary: "keep the store's latest instant",
        sql: """
            CREATE TABLE store_clock (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                latest INTEGER NOT NULL
            );
            INSERT INTO store_clock (id, latest) SELECT 1, max(time) FROM audit_log HAVING count(*) > 0;
            """)

    /// Version 4: a fuller key life. A rolled key names its replacement (`replaced_by`, and the
    /// new key `replaces`) and its retirement (`retires_at`); the account's API-key switch, one
    /// row; rate limits set on catalog endpoints (a NULL `count` removes the API's own), each
    /// change numbered (`change`, always growing, so a cached catalog knows it is stale); and
    /// what each rate-limit bucket has counted in its current window. Audit entries of created
    /// keys, which earlier versions left empty (rendering them from the key), get their text.
    static let version4 = Migration(
        summary: "key rolls, the API-key switch and rate limits",
        sql: """
            UPDATE audit_log SET detail = (
                SELECT 'expires ' || CASE WHEN k.expires_at IS NULL THEN 'never'
                                          ELSE strftime('%Y-%m-%dT%H:%M:%SZ', k.expires_at, 'unixepoch') END
                       || '; grants ' || k.grants
                FROM api_keys k WHERE k.id = audit_log.key_id)
            WHERE action = 'key.create' AND detail = '' AND key_id IN (SELECT id FROM api_keys);

            ALTER TABLE api_keys ADD COLUMN replaces TEXT;
            ALTER TABLE api_keys ADD COLUMN replaced_by TEXT;
            ALTER TABLE api_keys ADD COLUMN retires_at INTEGER;

            CREATE TABLE account (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                api_keys_enabled INTEGER NOT NULL CHECK (api_keys_enabled IN (0, 1))
            );
            INSERT INTO account (id, api_keys_enabled) VALUES (1, 1);

            CREATE TABLE rate_limits (
                change INTEGER PRIMARY KEY,
                method TEXT NOT NULL,
                version INTEGER NOT NULL,
                path TEXT NOT NULL,
                count INTEGER,
                period INTEGER,
                scope TEXT,
                UNIQUE (method, version, path)
            );

            CREATE TABLE rate_windows (
                bucket TEXT PRIMARY KEY,
                window_start INTEGER NOT NULL,
                count INTEGER NOT NULL
            ) WITHOUT ROWID;
            """)
}
