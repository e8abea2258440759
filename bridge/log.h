/* ffacm's diagnostics: one line per event to OutputDebugString (read it with DebugView, or
 * WINEDEBUG=+debugstr under Wine) and, when the LogFile setting names one, appended to a file.
 *
 * The level and the file come from the settings (LogLevel, LogFile) and are cached here:
 * ffacm_log_configure() re-reads them (DRV_LOAD, each real stream open), so ffacm_log itself
 * never touches the registry and settings.c may log while it is being read. */
#ifndef FFACM_LOG_H
#define FFACM_LOG_H

#include "settings_table.h"

#if defined(__GNUC__)
#define FFACM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FFACM_PRINTF(a, b)
#endif

/* Write one line at `level` when the configured level lets it through. */
void ffacm_log(ffacm_log_level level, const char *fmt, ...) FFACM_PRINTF(2, 3);

/* A preformatted line (used for FFmpeg's messages). */
void ffacm_log_line(ffacm_log_level level, const char *tag, const char *text);

/* Re-read LogLevel and LogFile from the settings. */
void ffacm_log_configure(void);

/* Override the level until the next ffacm_log_configure() (the CLI shows warnings). */
void ffacm_log_set_level(ffacm_log_level level);

/* The level in force. */
ffacm_log_level ffacm_log_current_level(void);

/* Also print each line on stderr (the CLI: a script sees why a setting was ignored). */
void ffacm_log_to_stderr(int on);

/* log_av.c: send libavcodec's av_log messages through ffacm_log at the configured level
 * (instead of the host's stderr).  Call after ffacm_log_configure(). */
void ffacm_log_route_ffmpeg(void);

#endif
