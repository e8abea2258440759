/* OutputDebugString + optional log file (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <windows.h>

#include "settings.h"

/* The cached configuration.  An SRW lock guards the path; the level is read lock-free. */
static SRWLOCK config_lock = SRWLOCK_INIT;
static volatile LONG current_level = FFACM_LOG_ERROR;
static WCHAR log_path[MAX_PATH];
static volatile LONG mirror_stderr;

static const char *const level_names[] = { "off", "error", "warning", "info", "debug" };

ffacm_log_level ffacm_log_current_level(void)
{
    return (ffacm_log_level)current_level;
}

void ffacm_log_set_level(ffacm_log_level level)
{
    InterlockedExchange(&current_level, (LONG)level);
}

void ffacm_log_to_stderr(int on)
{
    InterlockedExchange(&mirror_stderr, on ? 1 : 0);
}

void ffacm_log_configure(void)
{
    WCHAR path[MAX_PATH];
    uint32_t level = ffacm_settings_get(FFACM_SETTING_LOG_LEVEL);
    if (ffacm_settings_log_file(path, MAX_PATH) == 0)
        path[0] = 0;
    AcquireSRWLockExclusive(&config_lock);
    memcpy(log_path, path, sizeof log_path);
    ReleaseSRWLockExclusive(&config_lock);
    InterlockedExchange(&current_level, (LONG)level);
}

/* Append `line` to the log file.  Opened per line: the driver is loaded and unloaded around
 * almost every query, so a handle kept open would outlive nothing useful and lock the file. */
static void append_to_file(const char *line, size_t len)
{
    AcquireSRWLockShared(&config_lock);
    if (log_path[0]) {
        HANDLE h = CreateFileW(log_path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                               OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            DWORD written;
            WriteFile(h, line, (DWORD)len, &written, NULL);
            CloseHandle(h);
        }
    }
    ReleaseSRWLockShared(&config_lock);
}

void ffacm_log_line(ffacm_log_level level, const char *tag, const char *text)
{
    if (level == FFACM_LOG_OFF || (LONG)level > current_level)
        return;
    char line[1024];
    size_t len = (size_t)snprintf(line, sizeof line, "ffacm[%lu:%lu] %s: %s%s",
                                  (unsigned long)GetCurrentProcessId(),
                                  (unsigned long)GetCurrentThreadId(), level_names[level], tag, text);
    if (len >= sizeof line - 2)
        len = sizeof line - 3;
    /* One line each, whatever the message ended with (FFmpeg's lines carry their own \n). */
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    line[len++] = '\r';
    line[len++] = '\n';
    line[len] = 0;
    OutputDebugStringA(line);
    append_to_file(line, len);
    if (mirror_stderr) {
        line[len - 2] = '\n';
        line[len - 1] = 0;
        fputs(line, stderr);
    }
}

void ffacm_log(ffacm_log_level level, const char *fmt, ...)
{
    if (level == FFACM_LOG_OFF || (LONG)level > current_level)
        return;
    char text[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ffacm_log_line(level, "", text);
}
