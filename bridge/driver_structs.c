/* Reading the layout-dependent driver structures by their cbStruct. */
#include <stddef.h>

#include "acmdrv.h"

/* On Win32 the two layouts coincide and the natural path reads both; on x64 a cbStruct equal
 * to the packed size (smaller than the natural one) selects the packed layout. */

int ffacm_read_instance(LPARAM lparam, ffacm_instance_view *view)
{
    const DWORD *cb = (const DWORD *)lparam;
    if (!cb)
        return -1;
    if (*cb == sizeof(ffacm_stream_instance_packed) &&
        sizeof(ffacm_stream_instance_packed) != sizeof(ffacm_stream_instance_natural)) {
        ffacm_stream_instance_packed *p = (ffacm_stream_instance_packed *)lparam;
        view->pwfxSrc = p->pwfxSrc;
        view->pwfxDst = p->pwfxDst;
        view->pwfltr = p->pwfltr;
        view->fdwOpen = p->fdwOpen;
        view->dwDriver = &p->dwDriver;
        return 0;
    }
    if (*cb < offsetof(ffacm_stream_instance_natural, has))
        return -1;
    ffacm_stream_instance_natural *n = (ffacm_stream_instance_natural *)lparam;
    view->pwfxSrc = n->pwfxSrc;
    view->pwfxDst = n->pwfxDst;
    view->pwfltr = n->pwfltr;
    view->fdwOpen = n->fdwOpen;
    view->dwDriver = &n->dwDriver;
    return 0;
}

int ffacm_read_suggest(LPARAM lparam, ffacm_suggest_view *view)
{
    const DWORD *cb = (const DWORD *)lparam;
    if (!cb)
        return -1;
    if (*cb == sizeof(ffacm_format_suggest_packed) &&
        sizeof(ffacm_format_suggest_packed) != sizeof(ffacm_format_suggest_natural)) {
        const ffacm_format_suggest_packed *p = (const ffacm_format_suggest_packed *)lparam;
        view->fdwSuggest = p->fdwSuggest;
        view->pwfxSrc = p->pwfxSrc;
        view->cbwfxSrc = p->cbwfxSrc;
        view->pwfxDst = p->pwfxDst;
        view->cbwfxDst = p->cbwfxDst;
        return 0;
    }
    if (*cb < offsetof(ffacm_format_suggest_natural, cbwfxDst) + sizeof(DWORD))
        return -1;
    const ffacm_format_suggest_natural *n = (const ffacm_format_suggest_natural *)lparam;
    view->fdwSuggest = n->fdwSuggest;
    view->pwfxSrc = n->pwfxSrc;
    view->cbwfxSrc = n->cbwfxSrc;
    view->pwfxDst = n->pwfxDst;
    view->cbwfxDst = n->cbwfxDst;
    return 0;
}
