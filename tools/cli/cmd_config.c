/*
 * cmd_config.c - "ffacm config": read and change ffacm's settings from scripts, and open the
 * driver's own settings dialog or about box.
 *
 *   ffacm config [list]                  every setting, its value and where it comes from
 *   ffacm config get NAME                the value alone (scripts)
 *   ffacm config set NAME VALUE [--machine]
 *   ffacm config unset NAME [--machine]
 *   ffacm config dialog|about [--driver FILE]
 *
 * NAME is a setting of bridge/settings_table.c, "Enable_XXXX" (XXXX = format tag in hex) or
 * "LogFile".  Values are written to HKCU\Software\ffacm, or HKLM with --machine.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "acm_util.h"
#include "cli.h"
#include "bridge/log.h"
#include "bridge/settings.h"

static const char *scope_text(ffacm_settings_scope s)
{
    return s == FFACM_SCOPE_USER ? "user" : s == FFACM_SCOPE_MACHINE ? "machine" : "default";
}

static void print_value(const ffacm_setting_desc *d, uint32_t v)
{
    if (d->choices)
        printf("%s", d->choices[v]);
    else
        printf("%lu", (unsigned long)v);
}

/* The Enable_XXXX values present in one scope. */
static void list_enables(HKEY root, const char *scope)
{
    HKEY key;
    if (RegOpenKeyExW(root, L"" FFACM_SETTINGS_KEY, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS)
        return;
    for (DWORD i = 0;; i++) {
        char name[64];
        DWORD len = sizeof name;
        if (RegEnumValueA(key, i, name, &len, NULL, NULL, NULL, NULL) != ERROR_SUCCESS)
            break;
        int tag = ffacm_setting_enable_tag(name);
        if (tag >= 0)
            printf("%s=%d  (%s; format 0x%04X %s)\n", name, ffacm_settings_format_enabled((uint16_t)tag),
                   scope, (unsigned)tag, ffacm_settings_format_enabled((uint16_t)tag) ? "enabled" : "disabled");
    }
    RegCloseKey(key);
}

static int config_list(void)
{
    for (int id = 0; id < FFACM_SETTING_COUNT; id++) {
        const ffacm_setting_desc *d = ffacm_setting_desc_get((ffacm_setting_id)id);
        ffacm_settings_scope from;
        uint32_t v = ffacm_settings_lookup((ffacm_setting_id)id, &from);
        printf("%s=", d->name);
        print_value(d, v);
        if (d->choices) {
            printf("  (%s; one of", scope_text(from));
            for (uint32_t c = 0; c <= d->max; c++)
                printf(" %s", d->choices[c]);
        } else {
            printf("  (%s; %lu..%lu%s%s", scope_text(from), (unsigned long)d->min, (unsigned long)d->max,
                   d->unit[0] ? " " : "", d->unit);
        }
        printf("; %s)\n", d->help);
    }
    WCHAR path[MAX_PATH];
    ffacm_settings_log_file(path, MAX_PATH);
    printf(FFACM_SETTING_LOG_FILE_NAME "=%ls  (log file; empty: OutputDebugString only)\n", path);
    list_enables(HKEY_CURRENT_USER, "user");
    list_enables(HKEY_LOCAL_MACHINE, "machine");
    printf("(formats without an Enable_XXXX value are enabled)\n");
    return 0;
}

static int config_get(const char *name)
{
    int id = ffacm_setting_find(name);
    int tag = ffacm_setting_enable_tag(name);
    if (id >= 0) {
        print_value(ffacm_setting_desc_get((ffacm_setting_id)id), ffacm_settings_get((ffacm_setting_id)id));
        printf("\n");
    } else if (tag >= 0) {
        printf("%d\n", ffacm_settings_format_enabled((uint16_t)tag));
    } else if (_stricmp(name, FFACM_SETTING_LOG_FILE_NAME) == 0) {
        WCHAR path[MAX_PATH];
        ffacm_settings_log_file(path, MAX_PATH);
        printf("%ls\n", path);
    } else {
        fprintf(stderr, "error: config: unknown setting '%s' (see 'ffacm config list')\n", name);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static int report_write(long rc, const char *name, ffacm_settings_scope scope)
{
    if (rc == 0)
        return 0;
    fprintf(stderr, "error: config: cannot write %s\\" FFACM_SETTINGS_KEY "\\%s (Win32 error %ld)%s\n",
            scope == FFACM_SCOPE_MACHINE ? "HKLM" : "HKCU", name, rc,
            rc == ERROR_ACCESS_DENIED ? ": --machine needs administrator rights" : "");
    return 1;
}

static int config_set(const char *name, const char *text, ffacm_settings_scope scope)
{
    int id = ffacm_setting_find(name);
    int tag = ffacm_setting_enable_tag(name);
    if (id >= 0) {
        const ffacm_setting_desc *d = ffacm_setting_desc_get((ffacm_setting_id)id);
        uint32_t v;
        if (ffacm_setting_parse(d, text, &v) < 0) {
            fprintf(stderr, "error: config: %s must be %s%lu..%lu, not '%s'\n", d->name,
                    d->choices ? "a name from 'ffacm config list' or " : "", (unsigned long)d->min,
                    (unsigned long)d->max, text);
            return CLI_EXIT_USAGE;
        }
        return report_write(ffacm_settings_write(scope, (ffacm_setting_id)id, v), d->name, scope);
    }
    if (tag >= 0) {
        if (strcmp(text, "0") != 0 && strcmp(text, "1") != 0) {
            fprintf(stderr, "error: config: %s must be 0 (disabled) or 1 (enabled)\n", name);
            return CLI_EXIT_USAGE;
        }
        return report_write(ffacm_settings_write_enable(scope, (uint16_t)tag, text[0] == '1'), name, scope);
    }
    if (_stricmp(name, FFACM_SETTING_LOG_FILE_NAME) == 0) {
        WCHAR path[MAX_PATH];
        if (!MultiByteToWideChar(CP_ACP, 0, text, -1, path, MAX_PATH)) {
            fprintf(stderr, "error: config: LogFile path too long\n");
            return CLI_EXIT_USAGE;
        }
        return report_write(ffacm_settings_write_string(scope, FFACM_SETTING_LOG_FILE_NAME, path),
                            FFACM_SETTING_LOG_FILE_NAME, scope);
    }
    fprintf(stderr, "error: config: unknown setting '%s' (see 'ffacm config list')\n", name);
    return CLI_EXIT_USAGE;
}

static int config_unset(const char *name, ffacm_settings_scope scope)
{
    int id = ffacm_setting_find(name);
    if (id < 0 && ffacm_setting_enable_tag(name) < 0 && _stricmp(name, FFACM_SETTING_LOG_FILE_NAME) != 0) {
        fprintf(stderr, "error: config: unknown setting '%s' (see 'ffacm config list')\n", name);
        return CLI_EXIT_USAGE;
    }
    if (id >= 0)
        name = ffacm_setting_desc_get((ffacm_setting_id)id)->name;
    return report_write(ffacm_settings_remove(scope, name), name, scope);
}

/* The installed ffacm (short name "ffacm"), or the one in FILE. */
static BOOL CALLBACK find_ffacm(HACMDRIVERID hadid, DWORD_PTR instance, DWORD support)
{
    (void)support;
    ACMDRIVERDETAILSW d;
    memset(&d, 0, sizeof d);
    d.cbStruct = sizeof d;
    if (acmDriverDetailsW(hadid, &d, 0) == MMSYSERR_NOERROR && wcscmp(d.szShortName, L"ffacm") == 0) {
        *(HACMDRIVERID *)instance = hadid;
        return FALSE;
    }
    return TRUE;
}

static int config_ui(const char *what, const char *driver)
{
    acmu_driver drv;
    memset(&drv, 0, sizeof drv);
    HACMDRIVER had = NULL;
    if (driver) {
        if (acmu_driver_add(&drv, driver, 1) != 0)
            return 1;
        had = drv.had;
    } else {
        HACMDRIVERID hadid = NULL;
        acmDriverEnum(find_ffacm, (DWORD_PTR)&hadid, 0);
        if (!hadid) {
            fprintf(stderr, "error: config %s: ffacm is not installed (ffacm install, or --driver FILE)\n", what);
            return 1;
        }
        MMRESULT mr = acmDriverOpen(&had, hadid, 0);
        if (mr != MMSYSERR_NOERROR) {
            acmu_report("acmDriverOpen", mr);
            return 1;
        }
    }
    int rc = 0;
    if (strcmp(what, "dialog") == 0) {
        LRESULT has = acmDriverMessage(had, DRV_QUERYCONFIGURE, 0, 0);
        printf("DRV_QUERYCONFIGURE: %ld\n", (long)has);
        if (has) {
            LRESULT res = acmDriverMessage(had, DRV_CONFIGURE, 0, 0);
            printf("DRV_CONFIGURE: %s\n", res == DRVCNF_OK ? "OK (saved)" : "cancelled");
        } else {
            rc = 1;
        }
    } else {
        LRESULT has = acmDriverMessage(had, ACMDM_DRIVER_ABOUT, (LPARAM)-1, 0);
        printf("ACMDM_DRIVER_ABOUT(-1): %ld (%s)\n", (long)has, acmu_err_name((MMRESULT)has));
        if (has == MMSYSERR_NOERROR)
            acmDriverMessage(had, ACMDM_DRIVER_ABOUT, 0, 0);
        else
            rc = 1;
    }
    if (driver)
        acmu_driver_release(&drv);
    else
        acmDriverClose(had, 0);
    return rc;
}

int cmd_config(int argc, char **argv)
{
    ffacm_settings_scope scope = FFACM_SCOPE_USER;
    const char *driver = NULL;
    const char *args[3] = { NULL, NULL, NULL };
    int nargs = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--machine") == 0)
            scope = FFACM_SCOPE_MACHINE;
        else if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc)
            driver = argv[++i];
        else if (nargs < 3)
            args[nargs++] = argv[i];
        else {
            fprintf(stderr, "error: config: unexpected argument '%s' (see 'ffacm help')\n", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    /* Show why a stored value is ignored (corrupt, out of range) on stderr. */
    ffacm_log_configure();
    if (ffacm_log_current_level() < FFACM_LOG_WARNING)
        ffacm_log_set_level(FFACM_LOG_WARNING);
    ffacm_log_to_stderr(1);

    const char *cmd = args[0] ? args[0] : "list";
    if (strcmp(cmd, "list") == 0 && nargs <= 1)
        return config_list();
    if (strcmp(cmd, "get") == 0 && nargs == 2)
        return config_get(args[1]);
    if (strcmp(cmd, "set") == 0 && nargs == 3)
        return config_set(args[1], args[2], scope);
    if (strcmp(cmd, "unset") == 0 && nargs == 2)
        return config_unset(args[1], scope);
    if ((strcmp(cmd, "dialog") == 0 || strcmp(cmd, "about") == 0) && nargs == 1)
        return config_ui(cmd, driver);
    fprintf(stderr, "error: config: expected list, get NAME, set NAME VALUE, unset NAME, dialog or about\n");
    return CLI_EXIT_USAGE;
}
