-- normbase schema, SQLite flavour. Dates are TEXT 'YYYY[-MM[-DD]]', times are epoch milliseconds.

CREATE TABLE standards (
    key           TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),
    family        TEXT NOT NULL,
    designation   TEXT NOT NULL CHECK (designation <> ''),
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL,
    number        TEXT NOT NULL,
    part          TEXT,
    year          INTEGER,
    doc_type      TEXT,
    title_zh      TEXT,
    title_en      TEXT,
    title_fr      TEXT,
    title_ja      TEXT,
    stage         TEXT,
    published     TEXT,
    implemented   TEXT,
    withdrawn     TEXT,
    confirmed     TEXT,
    committee     TEXT,
    issuer        TEXT,
    data          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_import   INTEGER
);
CREATE INDEX standards_family ON standards (family);
-- One index for the kind and body facets (statistics count both in one covering scan).
CREATE INDEX standards_kind_body ON standards (kind, body);

-- The derived status of each rated edition (written by the status refresh).
-- Kept apart from the wide `standards` rows so that a refresh rewrites only
-- these narrow rows; an edition without a row here is not rated yet. Every
-- key is a stored edition's (the refresh rates only those), but there is no
-- foreign key: PostgreSQL's per-row check locks the wide parent row and
-- tripled the cost of a first refresh. Whoever deletes editions must delete
-- their statuses too.
CREATE TABLE standard_status (
    key    TEXT PRIMARY KEY NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE relations (
    from_key       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    to_key         TEXT NOT NULL CHECK (to_key <> ''),
    to_designation TEXT NOT NULL,
    PRIMARY KEY (from_key, kind, to_key)
) WITHOUT ROWID;
CREATE INDEX relations_to_key ON relations (to_key);

CREATE TABLE standard_codes (
    key    TEXT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('ics', 'ccs')),
    code   TEXT NOT NULL,
    PRIMARY KEY (key, scheme, code)
) WITHOUT ROWID;
CREATE INDEX standard_codes_code ON standard_codes (scheme, code);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    format      TEXT NOT NULL,
    files       TEXT NOT NULL,
    user_name   TEXT,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    state       TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    read        INTEGER NOT NULL DEFAULT 0,
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_rejections (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    file      TEXT NOT NULL,
    "row"     INTEGER NOT NULL,
    field     TEXT,
    reason    TEXT NOT NULL
);
CREATE INDEX import_rejections_import ON import_rejections (import_id);

CREATE TABLE changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id  INTEGER,              -- imports.id; no foreign key (see below)
    key        TEXT NOT NULL,
    change     TEXT NOT NULL CHECK (change IN ('inserted', 'updated', 'status')),
    fields     TEXT NOT NULL,
    old_status TEXT,
    new_status TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX changes_key ON changes (key);
-- changes.import_id has no foreign key: PostgreSQL checks one per inserted row
-- (locking the import's row each time), which more than doubled the cost of
-- logging an import. Imports are never deleted.

CREATE TABLE codes (
    scheme  TEXT NOT NULL,
    code    TEXT NOT NULL,
    name_zh TEXT,
    name_en TEXT,
    name_fr TEXT,
    parent  TEXT,
    PRIMARY KEY (scheme, code)
) WITHOUT ROWID;
