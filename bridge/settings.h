/* ffacm's settings in the registry: HKCU\Software\ffacm first, then HKLM\Software\ffacm
 * (machine-wide defaults an installer or administrator sets), then the built-in default.
 *
 * Values are read on every call: the driver calls these when a stream opens or a format is
 * suggested, so a change made with `ffacm config` or the dialog applies to the next stream
 * without reloading anything.  A value of the wrong type or out of range is ignored with a
 * warning in the log and the next source is used.  HKLM is always read in its 64-bit view so
 * both bitnesses of the driver share one configuration. */
#ifndef FFACM_SETTINGS_H
#define FFACM_SETTINGS_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "settings_table.h"

#define FFACM_SETTINGS_KEY "Software\\ffacm"

/* The effective value of a numeric setting (always within its range).
 * This is the call encoders use for their defaults, e.g.
 *     int quality = (int)ffacm_settings_get(FFACM_SETTING_LAME_QUALITY); */
uint32_t ffacm_settings_get(ffacm_setting_id id);

/* 0 when "Enable_XXXX" for `tag` is set to 0 (HKCU, else HKLM); 1 otherwise. */
int ffacm_settings_format_enabled(uint16_t tag);

/* The LogFile path into `buf` (cap characters); its length, 0 when none. */
size_t ffacm_settings_log_file(wchar_t *buf, size_t cap);

/* Where a value was found. */
typedef enum ffacm_settings_scope {
    FFACM_SCOPE_DEFAULT = 0,
    FFACM_SCOPE_USER,     /* HKCU\Software\ffacm */
    FFACM_SCOPE_MACHINE,  /* HKLM\Software\ffacm */
} ffacm_settings_scope;

/* Like ffacm_settings_get, also saying where the value came from. */
uint32_t ffacm_settings_lookup(ffacm_setting_id id, ffacm_settings_scope *from);

/* Writers for `ffacm config` and the dialog (scope USER or MACHINE).  Numeric settings are
 * written as REG_DWORD, choices as REG_SZ.  0 on success, else a Win32 error code. */
long ffacm_settings_write(ffacm_settings_scope scope, ffacm_setting_id id, uint32_t value);
long ffacm_settings_write_enable(ffacm_settings_scope scope, uint16_t tag, int enabled);
long ffacm_settings_write_string(ffacm_settings_scope scope, const char *name, const wchar_t *text);
/* Deletes one value (ERROR_FILE_NOT_FOUND counts as success). */
long ffacm_settings_remove(ffacm_settings_scope scope, const char *name);

#endif
