/* QUERY opens, suggestions and format validation allocate nothing (Wine never closes a query,
 * so anything allocated there would leak).  Counts every malloc family call in the process,
 * libavcodec's included, by interposing the allocator; so this test is built without
 * sanitizers. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "bridge/core/format_rules.h"
#include "bridge/core/status.h"
#include "bridge/core/stream_adapter.h"
#include "check.h"
#include "media.h"

static int counting;
static long allocations;

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

void *malloc(size_t n)
{
    static void *(*real)(size_t);
    if (!real)
        real = NEXT(malloc);
    allocations += counting;
    return real(n);
}

void *calloc(size_t a, size_t b)
{
    static void *(*real)(size_t, size_t);
    if (!real) { /* dlsym itself may calloc: serve it from a static pool */
        static char pool[4096];
        static size_t used;
        if (a * b + used > sizeof pool)
            return NULL;
        void *p = pool + used;
        used += (a * b + 15) & ~(size_t)15;
        real = NEXT(calloc);
        return p;
    }
    allocations += counting;
    return real(a, b);
}

void *realloc(void *p, size_t n)
{
    static void *(*real)(void *, size_t);
    if (!real)
        real = NEXT(realloc);
    allocations += counting;
    return real(p, n);
}

int posix_memalign(void **p, size_t align, size_t n)
{
    static int (*real)(void **, size_t, size_t);
    if (!real)
        real = NEXT(posix_memalign);
    allocations += counting;
    return real(p, align, n);
}

int main(int argc, char **argv)
{
    media_file *files;
    int count = media_load_all(argc > 1 ? argv[1] : "media", &files);
    if (count <= 0)
        return 1;
    for (int i = 0; i < count; i++) {
        ffacm_wavefmt src, dst, none, want;
        memset(&none, 0, sizeof none);
        ffacm_wavefmt_parse(files[i].fmt.data, files[i].fmt.size, &src);
        int decodable = ffacm_format_suggest(&src, 0, &none, &dst) == FFACM_OK;
        allocations = 0;
        counting = 1;
        ffacm_format_validate(&src);
        ffacm_format_suggest(&src, 0, &none, &want);
        int query = decodable ? ffacm_stream_query(&src, &dst) : FFACM_OK;
        ffacm_size_model model;
        if (decodable)
            ffacm_stream_size_model(&src, &dst, &model);
        counting = 0;
        CHECK(query == FFACM_OK, "%s: query %d", files[i].name, query);
        CHECK(allocations == 0, "%s: %ld allocations in a query", files[i].name, allocations);
    }
    /* The counter itself works: a real open allocates. */
    ffacm_wavefmt src, dst, none;
    memset(&none, 0, sizeof none);
    ffacm_wavefmt_parse(files[1].fmt.data, files[1].fmt.size, &src);
    ffacm_format_suggest(&src, 0, &none, &dst);
    ffacm_stream *st = NULL;
    allocations = 0;
    counting = 1;
    ffacm_stream_open(&src, &dst, &st);
    counting = 0;
    CHECK(st && allocations > 0, "a real open was not counted (%ld)", allocations);
    ffacm_stream_close(st);
    media_free_all(files, count);
    return check_summary("test_query_alloc");
}
