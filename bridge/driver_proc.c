/* DriverProc: the single entry point of ffacm.acm.
 *
 * A short dispatch over a table, as Wine's small ACM drivers do: installable-driver
 * housekeeping (DRV_*) answered inline, every ACM message routed to its handler, anything
 * else refused with the documented code.  No state lives here: DRV_LOAD and DRV_OPEN are
 * cheap because Wine loads and unloads the module around almost every query. */
#include "config_dialog.h"
#include "driver.h"
#include "log.h"

static const struct {
    UINT msg;
    ffacm_handler handler;
} acm_handlers[] = {
    { ACMDM_DRIVER_DETAILS, ffacm_on_driver_details },
    { ACMDM_DRIVER_ABOUT, ffacm_on_driver_about },
    { ACMDM_FORMATTAG_DETAILS, ffacm_on_formattag_details },
    { ACMDM_FORMAT_DETAILS, ffacm_on_format_details },
    { ACMDM_FORMAT_SUGGEST, ffacm_on_format_suggest },
    { ACMDM_STREAM_OPEN, ffacm_on_stream_open },
    { ACMDM_STREAM_CLOSE, ffacm_on_stream_close },
    { ACMDM_STREAM_SIZE, ffacm_on_stream_size },
    { ACMDM_STREAM_CONVERT, ffacm_on_stream_convert },
};

/* The value DRV_OPEN returns; it comes back as dwDriverId.  One static instance serves every
 * open, including the configuration open with lParam2 == NULL. */
#define FFACM_DRIVER_ID 0x66666163 /* 'ffac' */

static LRESULT on_drv_open(LPARAM lparam2)
{
    ffacm_open_desc *desc = (ffacm_open_desc *)lparam2;
    if (!desc)
        return FFACM_DRIVER_ID;
    if (desc->fccType != ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC_VALUE) {
        desc->dwError = MMSYSERR_NOTSUPPORTED;
        return 0;
    }
    desc->dwError = MMSYSERR_NOERROR;
    return FFACM_DRIVER_ID;
}

LRESULT WINAPI DriverProc(DWORD_PTR driver_id, HDRVR hdrvr, UINT msg, LPARAM lparam1, LPARAM lparam2)
{
    switch (msg) {
    case DRV_LOAD:
        /* libavcodec's own messages would go to the host's stderr; they go to ffacm's log
         * (OutputDebugString / LogFile) at the configured LogLevel instead. */
        ffacm_log_configure();
        ffacm_log_route_ffmpeg();
        return 1;
    case DRV_FREE:
    case DRV_ENABLE:
    case DRV_DISABLE:
    case DRV_CLOSE:
    case DRV_INSTALL:
    case DRV_REMOVE:
        return 1;
    case DRV_OPEN:
        return on_drv_open(lparam2);
    case DRV_QUERYCONFIGURE:
        return 1; /* a configuration dialog exists (config_dialog.c) */
    case DRV_CONFIGURE:
        return ffacm_config_dialog((HWND)lparam1);
    default:
        break;
    }
    for (size_t i = 0; i < sizeof acm_handlers / sizeof acm_handlers[0]; i++)
        if (acm_handlers[i].msg == msg)
            return acm_handlers[i].handler(driver_id, lparam1, lparam2);
    if (msg >= ACMDM_RESERVED_LOW && msg <= ACMDM_RESERVED_HIGH)
        return MMSYSERR_NOTSUPPORTED; /* filters, hardware caps, async reset, prepare ... */
    if (msg < DRV_USER)
        return DefDriverProc(driver_id, hdrvr, msg, lparam1, lparam2);
    return MMSYSERR_NOTSUPPORTED;
}
