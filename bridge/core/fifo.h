/* A byte FIFO for decoded output that has not fitted into the host's buffer yet.
 *
 * Output is written in whole frames by swresample, which wants one contiguous region, so
 * this is a linear buffer that slides its unread bytes to the front instead of wrapping.
 * It grows only when a single write needs more room than it ever had, so in steady state
 * nothing is allocated.
 *
 * Write-through: while a window (the free part of the host's destination buffer) is open and
 * nothing is queued, a reservation that fits the window is handed out there, so output goes
 * straight to the host instead of through the queue and a second copy (for large buffers of
 * cheap codecs that copy was most of what ffacm cost over libavcodec, bench/README.md). */
#ifndef FFACM_FIFO_H
#define FFACM_FIFO_H

#include <stddef.h>
#include <stdint.h>

typedef struct ffacm_fifo {
    uint8_t *buf;
    size_t cap;
    size_t head; /* first unread byte */
    size_t tail; /* one past the last written byte */
    uint8_t *win;      /* the open window, or NULL */
    size_t win_room;   /* its size */
    size_t win_len;    /* bytes committed into it */
    int to_win;        /* the last reservation is in the window */
} ffacm_fifo;

void ffacm_fifo_free(ffacm_fifo *f);
static inline size_t ffacm_fifo_size(const ffacm_fifo *f) { return f->tail - f->head; }
static inline void ffacm_fifo_clear(ffacm_fifo *f) { f->head = f->tail = 0; }

/* A writable region of at least `need` bytes at the tail (NULL when out of memory). */
uint8_t *ffacm_fifo_reserve(ffacm_fifo *f, size_t need);
static inline void ffacm_fifo_commit(ffacm_fifo *f, size_t written)
{
    if (f->to_win)
        f->win_len += written;
    else
        f->tail += written;
}

/* Open a window of `room` bytes at `dst` (NULL or 0: none), and close it again: returns the
 * bytes written there, which come before anything queued meanwhile. */
static inline void ffacm_fifo_window(ffacm_fifo *f, uint8_t *dst, size_t room)
{
    f->win = room ? dst : NULL;
    f->win_room = f->win ? room : 0;
    f->win_len = 0;
    f->to_win = 0;
}
static inline size_t ffacm_fifo_window_close(ffacm_fifo *f)
{
    size_t n = f->win_len;
    ffacm_fifo_window(f, NULL, 0);
    return n;
}

/* Move up to `max` bytes (rounded down to a multiple of `unit`) into `dst`. */
size_t ffacm_fifo_read(ffacm_fifo *f, uint8_t *dst, size_t max, size_t unit);

#endif
