#include "CSQLiteTuning.h"

// Declared here rather than through sqlite3.h: the one function and option this target needs.
int sqlite3_config(int option, ...);
#define ACCELERATOR_SQLITE_CONFIG_MEMSTATUS 9

int accelerator_sqlite_disable_memstatus(void) {
    return sqlite3_config(ACCELERATOR_SQLITE_CONFIG_MEMSTATUS, 0);
}
