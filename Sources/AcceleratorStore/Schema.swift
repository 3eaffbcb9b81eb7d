import GRDB

/// The database schema: named, append-only migrations. A migration is never edited once shipped;
/// a change to the schema is a new migration at the end of the list.
enum Schema {
    /// The tables each migration creates (a migration that only changes them is not listed): a
    /// database that records a migration without its tables is not one of ours, or was damaged.
    static let tablesByMigration: [String: [String]] = [
        "v1-stage-workflow": [
            "program_rules", "cohort", "startup", "founder", "application", "stage_event", "mentor_assignment", "funding",
            "market_entry",
        ],
        "v2-import-batches": ["batch", "batch_change", "header_mapping"],
        "v3-decisions": ["batch_event"],
        "v4-erasures": ["erasure"],
        "v9-change-log": ["change_log"],
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-stage-workflow") { db in
            try db.execute(sql: """
                CREATE TABLE program_rules (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    text TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );

                CREATE TABLE cohort (
                    code TEXT PRIMARY KEY NOT NULL,
                    starts_on TEXT NOT NULL,
                    capacity INTEGER NOT NULL CHECK (capacity >= 1),
                    created_at TEXT NOT NULL
                );

                CREATE TABLE startup (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    legal_name TEXT,
                    ice TEXT UNIQUE,
                    city TEXT NOT NULL,
                    region TEXT,
                    country TEXT NOT NULL,
                    sector TEXT NOT NULL,
                    founded_on TEXT,
                    phone TEXT,
                    website TEXT,
                    product_stage TEXT,
                    employees INTEGER,
                    monthly_revenue_minor INTEGER,
                    monthly_revenue_currency TEXT,
                    funding_sought_minor INTEGER,
                    funding_sought_currency TEXT,
                    description TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );

                CREATE TABLE founder (
                    id INTEGER PRIMARY KEY,
                    startup_id INTEGER NOT NULL REFERENCES startup(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    full_name TEXT NOT NULL,
                    email TEXT,
                    is_lead INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
                    UNIQUE (startup_id, position)
                );
                CREATE UNIQUE INDEX founder_one_lead ON founder(startup_id) WHERE is_lead = 1;

                CREATE TABLE application (
                    id INTEGER PRIMARY KEY,
                    startup_id INTEGER NOT NULL REFERENCES startup(id),
                    cohort_code TEXT NOT NULL REFERENCES cohort(code),
                    stage TEXT NOT NULL CHECK (stage IN ('applied', 'mentored', 'funded', 'international', 'rejected', 'withdrawn')),
                    applied_on TEXT NOT NULL,
                    exit_reason TEXT,
                    warnings TEXT NOT NULL DEFAULT '[]',
                    extra TEXT NOT NULL DEFAULT '[]',
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (startup_id, cohort_code)
                );
                CREATE INDEX application_by_cohort ON application(cohort_code, stage);

                CREATE TABLE stage_event (
                    id INTEGER PRIMARY KEY,
                    application_id INTEGER NOT NULL REFERENCES application(id),
                    from_stage TEXT NOT NULL,
                    to_stage TEXT NOT NULL,
                    occurred_at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    note TEXT
                );
                CREATE INDEX stage_event_by_application ON stage_event(application_id, id);
                CREATE INDEX stage_event_by_target ON stage_event(to_stage, application_id);

                -- History nobody can rewrite: the database itself refuses to change a stage event.
                CREATE TRIGGER stage_event_no_update BEFORE UPDATE ON stage_event
                BEGIN SELECT RAISE(ABORT, 'stage events are append-only: they cannot be updated'); END;
                CREATE TRIGGER stage_event_no_delete BEFORE DELETE ON stage_event
                BEGIN SELECT RAISE(ABORT, 'stage events are append-only: they cannot be deleted'); END;

                CREATE TABLE mentor_assignment (
                    id INTEGER PRIMARY KEY,
                    application_id INTEGER NOT NULL REFERENCES application(id),
                    event_id INTEGER REFERENCES stage_event(id),
                    mentor_name TEXT NOT NULL,
                    organisation TEXT NOT NULL,
                    assigned_on TEXT NOT NULL
                );
                CREATE INDEX mentor_by_application ON mentor_assignment(application_id);

                CREATE TABLE funding (
                    id INTEGER PRIMARY KEY,
                    application_id INTEGER NOT NULL REFERENCES application(id),
                    event_id INTEGER REFERENCES stage_event(id),
                    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
                    currency TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('grant', 'equity', 'convertible', 'loan', 'prize')),
                    investor TEXT NOT NULL,
                    funded_on TEXT NOT NULL
                );
                CREATE INDEX funding_by_application ON funding(application_id);

                CREATE TABLE market_entry (
                    id INTEGER PRIMARY KEY,
                    application_id INTEGER NOT NULL REFERENCES application(id),
                    event_id INTEGER REFERENCES stage_event(id),
                    country TEXT NOT NULL CHECK (length(country) = 2 AND country <> 'MA'),
                    partner TEXT,
                    entered_on TEXT NOT NULL
                );
                CREATE INDEX market_by_application ON market_entry(application_id);
                """)
        }
        migrator.registerMigration("v2-import-batches") { db in
            try db.execute(sql: """
                -- The startup's identity without an ICE: normalised name plus lead e-mail, indexed.
                ALTER TABLE startup ADD COLUMN lead_email_key TEXT;
                UPDATE startup SET lead_email_key = (
                    SELECT lower(email) FROM founder f WHERE f.startup_id = startup.id AND f.is_lead = 1);
                CREATE INDEX startup_by_identity ON startup(name_key, lead_email_key);

                -- The batch that last wrote a row; any other write clears it, which is how an undo
                -- knows that a row has changed since.
                ALTER TABLE startup ADD COLUMN last_batch_id INTEGER;
                ALTER TABLE application ADD COLUMN last_batch_id INTEGER;

                -- The batch that inserted a row: an undo removes these. Not indexed: an undo is rare
                -- and scans, while every imported row would pay for the index.
                ALTER TABLE startup ADD COLUMN created_batch_id INTEGER;
                ALTER TABLE application ADD COLUMN created_batch_id INTEGER;

                CREATE TABLE batch (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('import', 'decisions')),
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    dialect TEXT NOT NULL,
                    cohort TEXT,
                    inserted INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    warnings INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    undone_at TEXT
                );
                CREATE INDEX batch_by_sha256 ON batch(sha256);

                CREATE TABLE batch_change (
                    id INTEGER PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    entity TEXT NOT NULL CHECK (entity IN ('startup', 'application')),
                    entity_id INTEGER NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
                    line INTEGER NOT NULL,
                    before TEXT
                );
                CREATE INDEX batch_change_by_batch ON batch_change(batch_id, id);

                -- `--map` choices, remembered for files with the same header row.
                CREATE TABLE header_mapping (
                    signature TEXT PRIMARY KEY NOT NULL,
                    headers TEXT NOT NULL,
                    mappings TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-decisions") { db in
            try db.execute(sql: """
                -- The stage events a decisions batch wrote, so that an undo finds them. A table of its
                -- own rather than a column on stage_event: stage events are never updated, and the
                -- event is written (by the same code as `advance`) before its batch link is.
                CREATE TABLE batch_event (
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    event_id INTEGER NOT NULL UNIQUE REFERENCES stage_event(id),
                    application_id INTEGER NOT NULL REFERENCES application(id),
                    line INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, event_id)
                );
                CREATE INDEX batch_event_by_application ON batch_event(application_id);

                -- The history in force: every stage event but the moves of an undone decisions batch
                -- and the events that reversed them (both stay in stage_event, which is append-only).
                -- Capacity, move dates and reports read this view; `history` shows everything.
                CREATE VIEW live_stage_event AS
                SELECT e.* FROM stage_event e
                 WHERE NOT EXISTS (
                     SELECT 1 FROM batch_event b JOIN batch t ON t.id = b.batch_id
                      WHERE b.event_id = e.id AND t.undone_at IS NOT NULL);
                """)
        }
        migrator.registerMigration("v4-erasures") { db in
            try db.execute(sql: """
                -- Erasures of personal data (Moroccan law 09-08, `accelerator forget`): the record that
                -- one happened, when, by whom and what it covered; never the data erased. Append-only,
                -- like stage_event: the database itself refuses to change or remove one.
                CREATE TABLE erasure (
                    id INTEGER PRIMARY KEY,
                    startup_id INTEGER NOT NULL REFERENCES startup(id),
                    erased_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    reason TEXT,
                    founders INTEGER NOT NULL CHECK (founders >= 0),
                    fields TEXT NOT NULL
                );
                CREATE INDEX erasure_by_startup ON erasure(startup_id, id);
                CREATE TRIGGER erasure_no_update BEFORE UPDATE ON erasure
                BEGIN SELECT RAISE(ABORT, 'erasures are append-only: they cannot be updated'); END;
                CREATE TRIGGER erasure_no_delete BEFORE DELETE ON erasure
                BEGIN SELECT RAISE(ABORT, 'erasures are append-only: they cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v5-report-indexes") { db in
            try db.execute(sql: """
                -- `accelerator report` finds the few applications with warnings and the exits with their
                -- reason without reading every application. Both indexes are partial: an import, which
                -- writes applications at `applied` and mostly without warnings, barely touches them.
                CREATE INDEX application_with_warnings ON application(cohort_code, applied_on) WHERE warnings <> '[]';
                CREATE INDEX application_exits ON application(stage, exit_reason) WHERE stage IN ('rejected', 'withdrawn');
                """)
        }
        migrator.registerMigration("v6-cohort-batches") { db in
            try db.execute(sql: """
                -- The import that created a cohort (one named by its rows or by --cohort): undoing that
                -- import removes the cohort too, when no application is left in it.
                ALTER TABLE cohort ADD COLUMN created_batch_id INTEGER;
                """)
        }
        migrator.registerMigration("v7-import-fingerprints") { db in
            try db.execute(sql: """
                -- What the import that last wrote a startup wrote: a 64-bit hash of the columns its file
                -- maps and of their values. A file imported again compares this one number rather than
                -- every column. Any other change of the startup (an undo, an erasure, `apply`, a hand
                -- edit) clears it, and the next import compares column by column.
                ALTER TABLE startup ADD COLUMN import_fingerprint INTEGER;
                CREATE TRIGGER startup_fingerprint_cleared AFTER UPDATE ON startup
                WHEN OLD.import_fingerprint IS NOT NULL AND NEW.import_fingerprint IS OLD.import_fingerprint
                BEGIN
                    UPDATE startup SET import_fingerprint = NULL WHERE id = NEW.id;
                END;
                """)
        }
        migrator.registerMigration("v8-application-stage-check") { db in
            // SQLite checks `stage IN (six names)` by filling a temporary table of the six names for
            // every row written: a seventh of a large import's writing. The same rule as comparisons
            // costs nearly nothing. A CHECK constraint cannot be altered: the table is rebuilt (the
            // foreign keys are off during a migration, and checked at its end).
            try db.execute(sql: """
                CREATE TABLE new_application (
                    id INTEGER PRIMARY KEY,
                    startup_id INTEGER NOT NULL REFERENCES startup(id),
                    cohort_code TEXT NOT NULL REFERENCES cohort(code),
                    stage TEXT NOT NULL CHECK (
                        stage = 'applied' OR stage = 'mentored' OR stage = 'funded' OR stage = 'international'
                        OR stage = 'rejected' OR stage = 'withdrawn'),
                    applied_on TEXT NOT NULL,
                    exit_reason TEXT,
                    warnings TEXT NOT NULL DEFAULT '[]',
                    extra TEXT NOT NULL DEFAULT '[]',
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    last_batch_id INTEGER,
                    created_batch_id INTEGER,
                    UNIQUE (startup_id, cohort_code)
                );
                INSERT INTO new_application (
                    id, startup_id, cohort_code, stage, applied_on, exit_reason, warnings, extra, created_at, updated_at,
                    last_batch_id, created_batch_id)
                SELECT id, startup_id, cohort_code, stage, applied_on, exit_reason, warnings, extra, created_at, updated_at,
                       last_batch_id, created_batch_id
                  FROM application;
                DROP TABLE application;
                ALTER TABLE new_application RENAME TO application;
                CREATE INDEX application_by_cohort ON application(cohort_code, stage);
                CREATE INDEX application_with_warnings ON application(cohort_code, applied_on) WHERE warnings <> '[]';
                CREATE INDEX application_exits ON application(stage, exit_reason) WHERE stage IN ('rejected', 'withdrawn');
                """)
        }
        migrator.registerMigration("v9-change-log") { db in
            try db.execute(sql: """
                -- Corrections (`edit`, `founder add|edit|remove`, `cohort edit`, …): one row per value
                -- changed, with the value before and after, who, when and why. Append-only like
                -- stage_event, with one exception the law asks for: an erasure (`forget`) blanks the
                -- personal values a row holds and marks it erased; nothing else may change a row.
                CREATE TABLE change_log (
                    id INTEGER PRIMARY KEY,
                    entity TEXT NOT NULL CHECK (entity IN ('startup', 'founder', 'cohort', 'application')),
                    entity_key TEXT NOT NULL,
                    startup_id INTEGER REFERENCES startup(id),
                    field TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT,
                    changed_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    reason TEXT,
                    erased INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1))
                );
                CREATE INDEX change_log_by_startup ON change_log(startup_id, id);
                CREATE INDEX change_log_by_field ON change_log(field, changed_at);
                CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
                BEGIN SELECT RAISE(ABORT, 'the change log is append-only: a change cannot be deleted'); END;
                CREATE TRIGGER change_log_only_erased BEFORE UPDATE ON change_log
                WHEN NEW.id IS NOT OLD.id OR NEW.entity IS NOT OLD.entity OR NEW.entity_key IS NOT OLD.entity_key
                  OR NEW.startup_id IS NOT OLD.startup_id OR NEW.field IS NOT OLD.field
                  OR NEW.changed_at IS NOT OLD.changed_at OR NEW.actor IS NOT OLD.actor OR NEW.reason IS NOT OLD.reason
                  OR NEW.erased = 0
                  OR (NEW.old_value IS NOT NULL AND NEW.old_value IS NOT OLD.old_value)
                  OR (NEW.new_value IS NOT NULL AND NEW.new_value IS NOT OLD.new_value)
                BEGIN SELECT RAISE(ABORT, 'the change log is append-only: only an erasure may blank its values'); END;
                """)
        }
        migrator.registerMigration("v12-mentor-ends") { db in
            try db.execute(sql: """
                -- The day a mentor stopped following an application (`accelerator mentor end`); NULL while
                -- they follow it. An ended assignment stays: the mentor did follow the application.
                ALTER TABLE mentor_assignment ADD COLUMN ended_on TEXT;
                """)
        }
        migrator.registerMigration("v13-voids-and-notes") { db in
            try db.execute(sql: """
                -- An application entered in error (`accelerator void`): it stays, with its history, but
                -- leaves every count from the instant it was voided (the column, for the report's one
                -- pass; the event, append-only, for the history).
                ALTER TABLE application ADD COLUMN voided_at TEXT;
                CREATE TABLE application_void (
                    application_id INTEGER PRIMARY KEY REFERENCES application(id),
                    voided_at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
                );
                CREATE TRIGGER application_void_no_update BEFORE UPDATE ON application_void
                BEGIN SELECT RAISE(ABORT, 'voids are append-only: they cannot be updated'); END;
                CREATE TRIGGER application_void_no_delete BEFORE DELETE ON application_void
                BEGIN SELECT RAISE(ABORT, 'voids are append-only: they cannot be deleted'); END;

                -- Notes on a startup (`accelerator note`), on one of its applications when a cohort is
                -- given. Append-only: an erasure (`forget`) may blank a note's text, which can hold
                -- personal data, and a merge may move a note to the startup kept; nothing else.
                CREATE TABLE note (
                    id INTEGER PRIMARY KEY,
                    startup_id INTEGER NOT NULL REFERENCES startup(id),
                    application_id INTEGER REFERENCES application(id),
                    text TEXT NOT NULL CHECK (length(text) > 0),
                    recorded_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    erased INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1))
                );
                CREATE INDEX note_by_startup ON note(startup_id, id);
                CREATE TRIGGER note_no_delete BEFORE DELETE ON note
                BEGIN SELECT RAISE(ABORT, 'notes are append-only: a note cannot be deleted'); END;
                CREATE TRIGGER note_only_erased_or_moved BEFORE UPDATE ON note
                WHEN NEW.id IS NOT OLD.id OR NEW.application_id IS NOT OLD.application_id
                  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.actor IS NOT OLD.actor
                  OR (NEW.text IS NOT OLD.text AND (NEW.text <> '[erased]' OR NEW.erased = 0))
                  OR (NEW.erased IS NOT OLD.erased AND NEW.text <> '[erased]')
                BEGIN SELECT RAISE(ABORT, 'notes are append-only: only an erasure may blank one'); END;
                """)
        }
        migrator.registerMigration("v14-batch-undone-by") { db in
            try db.execute(sql: """
                -- Who undid a batch (`imports undo --actor`), beside when.
                ALTER TABLE batch ADD COLUMN undone_by TEXT;
                """)
        }
        return migrator
    }
}
