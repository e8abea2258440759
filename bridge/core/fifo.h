/* A byte FIFO for decoded output that has not fitted into the host's buffer yet.
 *
 * Output is written in whole frames by swresample, which wants one contiguous region, so
 * this is a linear buffer that slides its unread bytes to the front instead of wrapping.
 * It grows only when a single write needs more room than it ever had, so in steady state
 * nothing is allocated. */
#ifndef FFACM_FIFO_H
#define FFACM_FIFO_H

#include <stddef.h>
#include <stdint.h>

typedef struct ffacm_fifo {
    uint8_t *buf;
    size_t cap;
    size_t head; /* first unread byte */
    size_t tail; /* one past the last written byte */
} ffacm_fifo;

void ffacm_fifo_free(ffacm_fifo *f);
static inline size_t ffacm_fifo_size(const ffacm_fifo *f) { return f->tail - f->head; }
static inline void ffacm_fifo_clear(ffacm_fifo *f) { f->head = f->tail = 0; }

/* A writable region of at least `need` bytes at the tail (NULL when out of memory). */
uint8_t *ffacm_fifo_reserve(ffacm_fifo *f, size_t need);
static inline void ffacm_fifo_commit(ffacm_fifo *f, size_t written) { f->tail += written; }

/* Move up to `max` bytes (rounded down to a multiple of `unit`) into `dst`. */
size_t ffacm_fifo_read(ffacm_fifo *f, uint8_t *dst, size_t max, size_t unit);

#endif
