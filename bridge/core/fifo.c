#include "fifo.h"

#include <stdlib.h>
#include <string.h>

void ffacm_fifo_free(ffacm_fifo *f)
{
    free(f->buf);
    memset(f, 0, sizeof *f);
}

uint8_t *ffacm_fifo_reserve(ffacm_fifo *f, size_t need)
{
    f->to_win = f->win && ffacm_fifo_size(f) == 0 && f->win_room - f->win_len >= need;
    if (f->to_win)
        return f->win + f->win_len;
    if (f->cap - f->tail >= need)
        return f->buf + f->tail;
    size_t used = ffacm_fifo_size(f);
    if (f->head) { /* slide the unread bytes down before considering growth */
        memmove(f->buf, f->buf + f->head, used);
        f->head = 0;
        f->tail = used;
        if (f->cap - f->tail >= need)
            return f->buf + f->tail;
    }
    if (need > SIZE_MAX / 2 - used)
        return NULL;
    size_t cap = f->cap ? f->cap : 4096;
    while (cap < used + need)
        cap *= 2;
    uint8_t *grown = realloc(f->buf, cap);
    if (!grown)
        return NULL;
    f->buf = grown;
    f->cap = cap;
    return f->buf + f->tail;
}

size_t ffacm_fifo_read(ffacm_fifo *f, uint8_t *dst, size_t max, size_t unit)
{
    size_t n = ffacm_fifo_size(f);
    if (n > max)
        n = max;
    if (unit > 1)
        n -= n % unit;
    if (n) {
        memcpy(dst, f->buf + f->head, n);
        f->head += n;
    }
    if (f->head == f->tail)
        f->head = f->tail = 0;
    return n;
}
