#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs the SHA-256 compression function (FIPS 180-4) over `blocks` consecutive 64-byte blocks,
/// updating the eight state words in place. Uses the CPU's SHA instructions (x86 SHA-NI) when it
/// has them, portable C otherwise; both give the same result.
void accelerator_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Whether `accelerator_sha256_blocks` uses the CPU's SHA instructions on this machine.
int accelerator_sha256_uses_cpu_instructions(void);

/// The portable implementation alone (for tests that compare both).
void accelerator_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
