#ifndef CSQLITE_TUNING_H
#define CSQLITE_TUNING_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which take a global mutex on
/// every allocation. Must run before SQLite is first used; returns SQLite's result code.
/// (`sqlite3_config` is variadic, so Swift cannot call it directly.)
int accelerator_sqlite_disable_memstatus(void);

#endif
