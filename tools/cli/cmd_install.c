/*
 * cmd_install.c - "ffacm install" / "ffacm uninstall": register ffacm.acm the way Windows
 * expects an ACM codec (see shared/acm-facts.md "Registration"):
 *   - the driver of the CLI's own bitness in the system directory, and on 64-bit Windows
 *     (64-bit CLI) the 32-bit driver in SysWOW64;
 *   - Drivers32 "msacm.ffacm" = "ffacm.acm" (and under Wow6432Node for the 32-bit one),
 *     Drivers.desc, MediaResources\acm\msacm.ffacm;
 *   - Wine's cached tag list DriverCache\msacm.ffacm deleted so it is rebuilt.
 * Both commands are idempotent.  install records every change and rolls all of them back if
 * one fails, so a missing or locked file never leaves a half-installed codec.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include <windows.h>

#include "cli.h"
#include "install_journal.h"

#define ALIAS L"msacm.ffacm"
#define FILE_NAME L"ffacm.acm"
#define DESCRIPTION L"ffacm: FFmpeg audio codecs for ACM"
#define NT_CURRENT L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\"
#define NT_CURRENT_WOW L"SOFTWARE\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\"
#define MEDIA_KEY L"SYSTEM\\CurrentControlSet\\Control\\MediaResources\\acm\\" ALIAS
#define CACHE_KEY L"SOFTWARE\\Microsoft\\AudioCompressionManager\\DriverCache\\" ALIAS
#define CACHE_KEY_WOW L"SOFTWARE\\Wow6432Node\\Microsoft\\AudioCompressionManager\\DriverCache\\" ALIAS

typedef struct install_plan {
    WCHAR native_src[MAX_PATH];   /* driver of the CLI's bitness */
    WCHAR native_dst[MAX_PATH];
    WCHAR wow_src[MAX_PATH];      /* 32-bit driver for SysWOW64 ("" = none) */
    WCHAR wow_dst[MAX_PATH];
} install_plan;

static int is_64bit_process(void)
{
    return sizeof(void *) == 8;
}

static void to_wide(const char *s, WCHAR *out, size_t cap)
{
    if (!MultiByteToWideChar(CP_ACP, 0, s, -1, out, (int)cap))
        out[0] = 0;
}

/* The directory ffacm.exe is in, with a trailing backslash. */
static void exe_dir(WCHAR *out, size_t cap)
{
    DWORD n = GetModuleFileNameW(NULL, out, (DWORD)cap);
    while (n > 0 && out[n - 1] != L'\\' && out[n - 1] != L'/')
        n--;
    out[n] = 0;
}

/* Writing HKLM's Drivers32 needs administrator rights: check before touching anything, so a
 * normal user gets one clear message and no change at all. */
static int have_admin_rights(const char *command)
{
    HKEY key;
    LONG rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, NT_CURRENT L"Drivers32", 0, NULL, 0, KEY_SET_VALUE, NULL,
                              &key, NULL);
    if (rc == ERROR_SUCCESS) {
        RegCloseKey(key);
        return 1;
    }
    if (rc == ERROR_ACCESS_DENIED)
        fprintf(stderr, "error: %s needs administrator rights: run it from an elevated command prompt "
                        "(\"Run as administrator\"). Nothing was changed.\n", command);
    else
        journal_report("cannot open", NT_CURRENT L"Drivers32", (DWORD)rc);
    return 0;
}

static int system_paths(install_plan *p)
{
    WCHAR dir[MAX_PATH];
    UINT n = GetSystemDirectoryW(dir, MAX_PATH);
    if (n == 0 || n >= MAX_PATH - 16)
        return -1;
    swprintf(p->native_dst, MAX_PATH, L"%ls\\" FILE_NAME, dir);
    p->wow_dst[0] = 0;
    if (is_64bit_process()) {
        n = GetSystemWow64DirectoryW(dir, MAX_PATH);
        if (n > 0 && n < MAX_PATH - 16)
            swprintf(p->wow_dst, MAX_PATH, L"%ls\\" FILE_NAME, dir);
    }
    return 0;
}

static DWORD write_registration(install_journal *j, int wow)
{
    const WCHAR *base = wow ? NT_CURRENT_WOW : NT_CURRENT;
    WCHAR key[MAX_PATH];
    DWORD rc;
    swprintf(key, MAX_PATH, L"%lsDrivers32", base);
    if ((rc = journal_set_string(j, HKEY_LOCAL_MACHINE, key, ALIAS, FILE_NAME)) != 0)
        return rc;
    swprintf(key, MAX_PATH, L"%lsDrivers.desc", base);
    return journal_set_string(j, HKEY_LOCAL_MACHINE, key, FILE_NAME, DESCRIPTION);
}

/* Wine trusts its cached tag list: drop it whenever the driver changes. */
static void clear_driver_cache(void)
{
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, CACHE_KEY);
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, CACHE_KEY_WOW);
}

static int do_install(const install_plan *p)
{
    static install_journal j; /* large: not on the stack */
    memset(&j, 0, sizeof j);
    int failed = journal_copy_file(&j, p->native_src, p->native_dst) != 0;
    if (!failed && p->wow_src[0])
        failed = journal_copy_file(&j, p->wow_src, p->wow_dst) != 0;
    if (!failed)
        failed = write_registration(&j, 0) != 0;
    if (!failed && p->wow_src[0])
        failed = write_registration(&j, 1) != 0;
    if (!failed)
        failed = journal_set_string(&j, HKEY_LOCAL_MACHINE, MEDIA_KEY, L"Driver", FILE_NAME) != 0 ||
                 journal_set_string(&j, HKEY_LOCAL_MACHINE, MEDIA_KEY, L"Description", DESCRIPTION) != 0 ||
                 journal_set_string(&j, HKEY_LOCAL_MACHINE, MEDIA_KEY, L"FriendlyName", DESCRIPTION) != 0;
    if (failed) {
        journal_rollback(&j);
        fprintf(stderr, "error: install failed and was rolled back: ffacm is as it was before.\n");
        return 1;
    }
    journal_commit(&j);
    clear_driver_cache();
    printf("installed %ls\n", p->native_dst);
    if (p->wow_src[0])
        printf("installed %ls (32-bit programs)\n", p->wow_dst);
    printf("registered msacm.ffacm\n");
    return 0;
}

int cmd_install(int argc, char **argv)
{
    install_plan p;
    const char *driver = NULL, *driver32 = NULL;
    int no32 = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--driver") == 0 && i + 1 < argc) {
            driver = argv[++i];
        } else if (strcmp(argv[i], "--driver32") == 0 && i + 1 < argc) {
            driver32 = argv[++i];
        } else if (strcmp(argv[i], "--no-32") == 0) {
            no32 = 1;
        } else {
            fprintf(stderr, "error: install: unexpected argument '%s' (see 'ffacm help')\n", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (system_paths(&p) < 0) {
        fprintf(stderr, "error: install: cannot find the system directory\n");
        return 1;
    }
    WCHAR dir[MAX_PATH];
    exe_dir(dir, MAX_PATH);
    if (driver)
        to_wide(driver, p.native_src, MAX_PATH);
    else
        swprintf(p.native_src, MAX_PATH, L"%ls" FILE_NAME, dir);
    p.wow_src[0] = 0;
    if (!no32 && p.wow_dst[0]) {
        if (driver32) {
            to_wide(driver32, p.wow_src, MAX_PATH);
        } else {
            swprintf(p.wow_src, MAX_PATH, L"%lsx86\\" FILE_NAME, dir);
            if (GetFileAttributesW(p.wow_src) == INVALID_FILE_ATTRIBUTES) {
                printf("note: no 32-bit driver at %ls (--driver32 FILE): only 64-bit programs will see ffacm\n",
                       p.wow_src);
                p.wow_src[0] = 0;
            }
        }
    } else if (driver32 && !no32) {
        fprintf(stderr, "error: install: --driver32 needs the 64-bit ffacm.exe on 64-bit Windows\n");
        return CLI_EXIT_USAGE;
    }
    if (!have_admin_rights("install"))
        return 1;
    return do_install(&p);
}

/* Delete one value; 1 when it was there. */
static int delete_value(const WCHAR *subkey, const WCHAR *name, int *errors)
{
    HKEY key;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, subkey, 0, KEY_SET_VALUE, &key) != ERROR_SUCCESS)
        return 0;
    LONG rc = RegDeleteValueW(key, name);
    RegCloseKey(key);
    if (rc == ERROR_SUCCESS)
        return 1;
    if (rc != ERROR_FILE_NOT_FOUND) {
        journal_report("cannot delete registry value", name, (DWORD)rc);
        (*errors)++;
    }
    return 0;
}

/* Delete the driver file; 1 when it was there. */
static int delete_driver_file(const WCHAR *path, int *errors)
{
    WCHAR old[MAX_PATH];
    swprintf(old, MAX_PATH, L"%ls.ffacm-old", path);
    DeleteFileW(old);
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES)
        return 0;
    if (DeleteFileW(path)) {
        printf("removed %ls\n", path);
        return 1;
    }
    DWORD err = GetLastError();
    /* Loaded by a running program: Windows can remove it at the next restart. */
    if (MoveFileExW(path, NULL, MOVEFILE_DELAY_UNTIL_REBOOT)) {
        printf("%ls is in use: it will be removed at the next restart\n", path);
        return 1;
    }
    journal_report("cannot remove", path, err);
    (*errors)++;
    return 1;
}

int cmd_uninstall(int argc, char **argv)
{
    (void)argv;
    if (argc > 0) {
        fprintf(stderr, "error: uninstall takes no arguments\n");
        return CLI_EXIT_USAGE;
    }
    install_plan p;
    if (system_paths(&p) < 0) {
        fprintf(stderr, "error: uninstall: cannot find the system directory\n");
        return 1;
    }
    if (!have_admin_rights("uninstall"))
        return 1;
    int errors = 0, found = 0;
    /* Registry first, so no program starts loading a driver that is about to go. */
    found += delete_value(NT_CURRENT L"Drivers32", ALIAS, &errors);
    found += delete_value(NT_CURRENT L"Drivers.desc", FILE_NAME, &errors);
    found += delete_value(NT_CURRENT_WOW L"Drivers32", ALIAS, &errors);
    found += delete_value(NT_CURRENT_WOW L"Drivers.desc", FILE_NAME, &errors);
    LONG rc = RegDeleteKeyW(HKEY_LOCAL_MACHINE, MEDIA_KEY);
    if (rc == ERROR_SUCCESS)
        found++;
    else if (rc != ERROR_FILE_NOT_FOUND) {
        journal_report("cannot delete registry key", MEDIA_KEY, (DWORD)rc);
        errors++;
    }
    clear_driver_cache();
    found += delete_driver_file(p.native_dst, &errors);
    if (p.wow_dst[0])
        found += delete_driver_file(p.wow_dst, &errors);
    if (errors) {
        fprintf(stderr, "error: uninstall incomplete (%d errors)\n", errors);
        return 1;
    }
    printf(found ? "ffacm uninstalled\n" : "ffacm was not installed: nothing to do\n");
    return 0;
}
