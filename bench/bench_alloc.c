/* Heap call counting by import address table patching.
 *
 * ffacm.acm (and this executable, for the direct libavcodec path) is linked statically, but
 * its heap calls still go through msvcrt.dll's malloc/calloc/realloc/free and
 * _aligned_malloc/_aligned_realloc/_aligned_free (av_malloc), and possibly kernel32's
 * HeapAlloc family.  After LoadLibrary the bench rewrites those import slots to point at the
 * wrappers below, which count calls and track live bytes in a pointer -> size table. */
#include <string.h>

#include "bench.h"

typedef void *(__cdecl *malloc_fn)(size_t);
typedef void *(__cdecl *calloc_fn)(size_t, size_t);
typedef void *(__cdecl *realloc_fn)(void *, size_t);
typedef void (__cdecl *free_fn)(void *);
typedef void *(__cdecl *amalloc_fn)(size_t, size_t);
typedef void *(__cdecl *arealloc_fn)(void *, size_t, size_t);
typedef LPVOID (WINAPI *heapalloc_fn)(HANDLE, DWORD, SIZE_T);
typedef LPVOID (WINAPI *heaprealloc_fn)(HANDLE, DWORD, LPVOID, SIZE_T);
typedef BOOL (WINAPI *heapfree_fn)(HANDLE, DWORD, LPVOID);

static malloc_fn real_malloc;
static calloc_fn real_calloc;
static realloc_fn real_realloc;
static free_fn real_free;
static amalloc_fn real_amalloc;
static arealloc_fn real_arealloc;
static free_fn real_afree;
static heapalloc_fn real_heapalloc;
static heaprealloc_fn real_heaprealloc;
static heapfree_fn real_heapfree;

static int counting;
static bench_heap_stats stats;

/* ----------------------------------------------- live pointer -> size table */

#define SLOTS (1u << 18) /* far more than the live blocks of a few dozen streams */
static struct slot {
    void *ptr; /* NULL: empty; TOMB: deleted */
    size_t size;
} table[SLOTS];
static char tomb_marker;
#define TOMB ((void *)&tomb_marker)

static size_t slot_of(void *p)
{
    uintptr_t h = (uintptr_t)p;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (SLOTS - 1);
}

static void track_alloc(void *p, size_t size)
{
    if (!p)
        return;
    if (counting)
        stats.allocs++;
    for (size_t i = slot_of(p), n = 0; n < SLOTS; i = (i + 1) & (SLOTS - 1), n++)
        if (table[i].ptr == NULL || table[i].ptr == TOMB) {
            table[i].ptr = p;
            table[i].size = size;
            stats.live_bytes += (int64_t)size;
            return;
        }
}

static void track_free(void *p)
{
    if (!p)
        return;
    if (counting)
        stats.frees++;
    for (size_t i = slot_of(p), n = 0; n < SLOTS && table[i].ptr; i = (i + 1) & (SLOTS - 1), n++)
        if (table[i].ptr == p) {
            table[i].ptr = TOMB;
            stats.live_bytes -= (int64_t)table[i].size;
            return;
        }
}

/* ------------------------------------------------------------- the wrappers */

static void *__cdecl hook_malloc(size_t n)
{
    void *p = real_malloc(n);
    track_alloc(p, n);
    return p;
}

static void *__cdecl hook_calloc(size_t n, size_t s)
{
    void *p = real_calloc(n, s);
    track_alloc(p, n * s);
    return p;
}

static void *__cdecl hook_realloc(void *old, size_t n)
{
    void *p = real_realloc(old, n);
    if (p || !n) {
        track_free(old);
        track_alloc(p, n);
    }
    return p;
}

static void __cdecl hook_free(void *p)
{
    track_free(p);
    real_free(p);
}

static void *__cdecl hook_amalloc(size_t n, size_t align)
{
    void *p = real_amalloc(n, align);
    track_alloc(p, n);
    return p;
}

static void *__cdecl hook_arealloc(void *old, size_t n, size_t align)
{
    void *p = real_arealloc(old, n, align);
    if (p || !n) {
        track_free(old);
        track_alloc(p, n);
    }
    return p;
}

static void __cdecl hook_afree(void *p)
{
    track_free(p);
    real_afree(p);
}

static LPVOID WINAPI hook_heapalloc(HANDLE h, DWORD f, SIZE_T n)
{
    void *p = real_heapalloc(h, f, n);
    track_alloc(p, n);
    return p;
}

static LPVOID WINAPI hook_heaprealloc(HANDLE h, DWORD f, LPVOID old, SIZE_T n)
{
    void *p = real_heaprealloc(h, f, old, n);
    if (p) {
        track_free(old);
        track_alloc(p, n);
    }
    return p;
}

static BOOL WINAPI hook_heapfree(HANDLE h, DWORD f, LPVOID p)
{
    track_free(p);
    return real_heapfree(h, f, p);
}

/* ------------------------------------------------------------ IAT patching */

typedef struct hook {
    const char *name;
    void **real;
    void *wrapper;
} hook;

#define HOOK(n, r, w) { n, (void **)(void *)&r, (void *)w }
static const hook hooks[] = {
    HOOK("malloc", real_malloc, hook_malloc),
    HOOK("calloc", real_calloc, hook_calloc),
    HOOK("realloc", real_realloc, hook_realloc),
    HOOK("free", real_free, hook_free),
    HOOK("_aligned_malloc", real_amalloc, hook_amalloc),
    HOOK("_aligned_realloc", real_arealloc, hook_arealloc),
    HOOK("_aligned_free", real_afree, hook_afree),
    HOOK("HeapAlloc", real_heapalloc, hook_heapalloc),
    HOOK("HeapReAlloc", real_heaprealloc, hook_heaprealloc),
    HOOK("HeapFree", real_heapfree, hook_heapfree),
};

static int patch_slot(void **slot, const hook *h)
{
    DWORD old;
    if (*slot == h->wrapper)
        return 0;
    if (!*h->real)
        *h->real = *slot;
    if (!VirtualProtect(slot, sizeof *slot, PAGE_READWRITE, &old))
        return 0;
    *slot = h->wrapper;
    VirtualProtect(slot, sizeof *slot, old, &old);
    return 1;
}

int bench_heap_hook(HMODULE module)
{
    uint8_t *base = (uint8_t *)module;
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)base;
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)(base + dos->e_lfanew);
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    int patched = 0;
    if (!dir->VirtualAddress)
        return 0;
    for (const IMAGE_IMPORT_DESCRIPTOR *d = (const IMAGE_IMPORT_DESCRIPTOR *)(base + dir->VirtualAddress);
         d->Name; d++) {
        if (!d->OriginalFirstThunk)
            continue; /* no name table: cannot tell the slots apart */
        const IMAGE_THUNK_DATA *names = (const IMAGE_THUNK_DATA *)(base + d->OriginalFirstThunk);
        IMAGE_THUNK_DATA *slots = (IMAGE_THUNK_DATA *)(base + d->FirstThunk);
        for (; names->u1.AddressOfData; names++, slots++) {
            if (IMAGE_SNAP_BY_ORDINAL(names->u1.Ordinal))
                continue;
            const IMAGE_IMPORT_BY_NAME *ibn = (const IMAGE_IMPORT_BY_NAME *)(base + names->u1.AddressOfData);
            for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++)
                if (!strcmp((const char *)ibn->Name, hooks[i].name))
                    patched += patch_slot((void **)&slots->u1.Function, &hooks[i]);
        }
    }
    return patched;
}

void bench_heap_enable(int on) { counting = on; }

void bench_heap_read(bench_heap_stats *s) { *s = stats; }
