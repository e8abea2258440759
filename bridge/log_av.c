/* libavcodec's messages through ffacm's log (see log.h).  Kept apart from log.c so the CLI,
 * which shares log.c and the settings code, does not link FFmpeg. */
#include <stdarg.h>
#include <stdio.h>

#include <libavutil/log.h>

#include "log.h"

static ffacm_log_level from_av_level(int level)
{
    if (level <= AV_LOG_ERROR)
        return FFACM_LOG_ERROR;
    if (level <= AV_LOG_WARNING)
        return FFACM_LOG_WARNING;
    if (level <= AV_LOG_INFO)
        return FFACM_LOG_INFO;
    return FFACM_LOG_DEBUG;
}

static void av_to_ffacm(void *avcl, int level, const char *fmt, va_list vl)
{
    if (level > av_log_get_level())
        return;
    char text[900];
    int print_prefix = 1;
    /* Prefix "[mp3float @ 0x...]" so a line says which decoder spoke. */
    av_log_format_line2(avcl, level, fmt, vl, text, sizeof text, &print_prefix);
    ffacm_log_line(from_av_level(level), "ffmpeg: ", text);
}

void ffacm_log_route_ffmpeg(void)
{
    static const int av_levels[] = { AV_LOG_QUIET, AV_LOG_ERROR, AV_LOG_WARNING, AV_LOG_INFO,
                                     AV_LOG_DEBUG };
    ffacm_log_level level = ffacm_log_current_level();
    av_log_set_level(level <= FFACM_LOG_DEBUG ? av_levels[level] : AV_LOG_QUIET);
    av_log_set_callback(av_to_ffacm);
}
