/* Reading and writing HKCU/HKLM\Software\ffacm (see settings.h). */
#include "settings.h"

#include <stdio.h>
#include <string.h>

#include <windows.h>

#include "log.h"

typedef enum read_result { VALUE_ABSENT, VALUE_OK, VALUE_CORRUPT } read_result;

static HKEY root_of(ffacm_settings_scope scope)
{
    return scope == FFACM_SCOPE_MACHINE ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

static const char *scope_name(ffacm_settings_scope scope)
{
    return scope == FFACM_SCOPE_MACHINE ? "HKLM" : "HKCU";
}

/* Registry names are ASCII: widen byte by byte. */
static void widen(const char *s, WCHAR *out, size_t cap)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        out[i] = (WCHAR)(unsigned char)s[i];
    out[i] = 0;
}

/* Read value `name` of `scope` into `data` (cap bytes, WCHAR-terminated for strings). */
static read_result read_raw(ffacm_settings_scope scope, const char *name, DWORD *type, BYTE *data,
                            DWORD cap)
{
    HKEY key;
    WCHAR wname[64];
    if (RegOpenKeyExW(root_of(scope), L"" FFACM_SETTINGS_KEY, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY,
                      &key) != ERROR_SUCCESS)
        return VALUE_ABSENT;
    widen(name, wname, sizeof wname / sizeof wname[0]);
    DWORD size = cap - sizeof(WCHAR);
    LONG rc = RegQueryValueExW(key, wname, NULL, type, data, &size);
    RegCloseKey(key);
    if (rc == ERROR_FILE_NOT_FOUND)
        return VALUE_ABSENT;
    if (rc != ERROR_SUCCESS)
        return VALUE_CORRUPT; /* ERROR_MORE_DATA: longer than any valid value */
    data[size] = 0;
    data[size + 1] = 0;
    return VALUE_OK;
}

/* A REG_SZ as ASCII, or "" when it holds anything else. */
static void narrow(const WCHAR *w, char *out, size_t cap)
{
    size_t i = 0;
    for (; w[i] && i + 1 < cap; i++)
        out[i] = w[i] < 128 ? (char)w[i] : '?';
    out[i] = 0;
}

/* One scope's value of a numeric setting, validated against the table. */
static read_result read_setting(ffacm_settings_scope scope, const ffacm_setting_desc *desc,
                                uint32_t *value)
{
    union {
        BYTE bytes[130];
        DWORD dword;
        WCHAR text[65];
    } data;
    DWORD type = 0;
    read_result r = read_raw(scope, desc->name, &type, data.bytes, sizeof data.bytes);
    if (r != VALUE_OK) {
        if (r == VALUE_CORRUPT)
            ffacm_log(FFACM_LOG_WARNING, "%s\\%s\\%s: unreadable; ignored", scope_name(scope),
                      FFACM_SETTINGS_KEY, desc->name);
        return r;
    }
    char text[66];
    if (type == REG_DWORD) {
        snprintf(text, sizeof text, "%lu", (unsigned long)data.dword);
    } else if (type == REG_SZ || type == REG_EXPAND_SZ) {
        narrow(data.text, text, sizeof text);
    } else {
        ffacm_log(FFACM_LOG_WARNING, "%s\\%s\\%s: registry type %lu is not a number or text; using %s",
                  scope_name(scope), FFACM_SETTINGS_KEY, desc->name, (unsigned long)type,
                  scope == FFACM_SCOPE_USER ? "HKLM or the default" : "the default");
        return VALUE_CORRUPT;
    }
    if (ffacm_setting_parse(desc, text, value) < 0) {
        ffacm_log(FFACM_LOG_WARNING, "%s\\%s\\%s: '%s' is out of range (%lu..%lu%s); using %s",
                  scope_name(scope), FFACM_SETTINGS_KEY, desc->name, text, (unsigned long)desc->min,
                  (unsigned long)desc->max, desc->choices ? " or a name" : "",
                  scope == FFACM_SCOPE_USER ? "HKLM or the default" : "the default");
        return VALUE_CORRUPT;
    }
    return VALUE_OK;
}

uint32_t ffacm_settings_lookup(ffacm_setting_id id, ffacm_settings_scope *from)
{
    const ffacm_setting_desc *desc = ffacm_setting_desc_get(id);
    uint32_t value;
    if (from)
        *from = FFACM_SCOPE_DEFAULT;
    if (!desc)
        return 0;
    if (read_setting(FFACM_SCOPE_USER, desc, &value) == VALUE_OK) {
        if (from)
            *from = FFACM_SCOPE_USER;
        return value;
    }
    if (read_setting(FFACM_SCOPE_MACHINE, desc, &value) == VALUE_OK) {
        if (from)
            *from = FFACM_SCOPE_MACHINE;
        return value;
    }
    return desc->def;
}

uint32_t ffacm_settings_get(ffacm_setting_id id)
{
    return ffacm_settings_lookup(id, NULL);
}

int ffacm_settings_format_enabled(uint16_t tag)
{
    static const ffacm_setting_desc enable = { "", 1, 0, 1, NULL, "", "" };
    ffacm_setting_desc desc = enable;
    char name[16];
    ffacm_setting_enable_name(tag, name, sizeof name);
    desc.name = name;
    uint32_t value;
    if (read_setting(FFACM_SCOPE_USER, &desc, &value) == VALUE_OK ||
        read_setting(FFACM_SCOPE_MACHINE, &desc, &value) == VALUE_OK)
        return value != 0;
    return 1;
}

size_t ffacm_settings_log_file(wchar_t *buf, size_t cap)
{
    union {
        BYTE bytes[(MAX_PATH + 1) * sizeof(WCHAR)];
        WCHAR text[MAX_PATH + 1];
    } data;
    static const ffacm_settings_scope order[] = { FFACM_SCOPE_USER, FFACM_SCOPE_MACHINE };
    buf[0] = 0;
    for (size_t i = 0; i < 2; i++) {
        DWORD type = 0;
        read_result r = read_raw(order[i], FFACM_SETTING_LOG_FILE_NAME, &type, data.bytes, sizeof data.bytes);
        if (r == VALUE_ABSENT)
            continue;
        if (r == VALUE_OK && (type == REG_SZ || type == REG_EXPAND_SZ)) {
            size_t n = wcslen(data.text);
            if (n >= cap)
                n = cap - 1;
            memcpy(buf, data.text, n * sizeof(WCHAR));
            buf[n] = 0;
            return n;
        }
        ffacm_log(FFACM_LOG_WARNING, "%s\\%s\\%s: not a path (type %lu, or longer than MAX_PATH); ignored",
                  scope_name(order[i]), FFACM_SETTINGS_KEY, FFACM_SETTING_LOG_FILE_NAME, (unsigned long)type);
    }
    return 0;
}

static long write_value(ffacm_settings_scope scope, const char *name, DWORD type, const void *data, DWORD size)
{
    HKEY key;
    WCHAR wname[64];
    LONG rc = RegCreateKeyExW(root_of(scope), L"" FFACM_SETTINGS_KEY, 0, NULL, 0,
                              KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL);
    if (rc != ERROR_SUCCESS)
        return rc;
    widen(name, wname, sizeof wname / sizeof wname[0]);
    rc = RegSetValueExW(key, wname, 0, type, (const BYTE *)data, size);
    RegCloseKey(key);
    return rc;
}

long ffacm_settings_write(ffacm_settings_scope scope, ffacm_setting_id id, uint32_t value)
{
    const ffacm_setting_desc *desc = ffacm_setting_desc_get(id);
    if (!desc || value < desc->min || value > desc->max)
        return ERROR_INVALID_PARAMETER;
    if (desc->choices) {
        WCHAR text[32];
        widen(desc->choices[value], text, sizeof text / sizeof text[0]);
        return write_value(scope, desc->name, REG_SZ, text, (DWORD)((wcslen(text) + 1) * sizeof(WCHAR)));
    }
    DWORD dword = value;
    return write_value(scope, desc->name, REG_DWORD, &dword, sizeof dword);
}

long ffacm_settings_write_enable(ffacm_settings_scope scope, uint16_t tag, int enabled)
{
    char name[16];
    DWORD dword = enabled ? 1 : 0;
    ffacm_setting_enable_name(tag, name, sizeof name);
    return write_value(scope, name, REG_DWORD, &dword, sizeof dword);
}

long ffacm_settings_write_string(ffacm_settings_scope scope, const char *name, const wchar_t *text)
{
    return write_value(scope, name, REG_SZ, text, (DWORD)((wcslen(text) + 1) * sizeof(WCHAR)));
}

long ffacm_settings_remove(ffacm_settings_scope scope, const char *name)
{
    HKEY key;
    WCHAR wname[64];
    LONG rc = RegOpenKeyExW(root_of(scope), L"" FFACM_SETTINGS_KEY, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, &key);
    if (rc == ERROR_FILE_NOT_FOUND)
        return 0;
    if (rc != ERROR_SUCCESS)
        return rc;
    widen(name, wname, sizeof wname / sizeof wname[0]);
    rc = RegDeleteValueW(key, wname);
    RegCloseKey(key);
    return rc == ERROR_FILE_NOT_FOUND ? 0 : rc;
}
