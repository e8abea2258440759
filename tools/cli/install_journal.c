/*
 * install_journal.c - undoable file copies and registry writes for `ffacm install`
 * (see install_journal.h).
 */
#include "install_journal.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { JOURNAL_FILE = 1, JOURNAL_VALUE };

void journal_report(const char *what, const WCHAR *object, DWORD code)
{
    char msg[512] = "";
    FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code, 0, msg,
                   sizeof msg, NULL);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' '))
        msg[--n] = 0;
    fprintf(stderr, "error: %s %ls: %s (%lu)\n", what, object ? object : L"", msg[0] ? msg : "failed",
            (unsigned long)code);
}

static journal_entry *add(install_journal *j, int kind)
{
    if (j->count >= JOURNAL_MAX)
        return NULL;
    journal_entry *e = &j->entries[j->count++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    return e;
}

DWORD journal_copy_file(install_journal *j, const WCHAR *src, const WCHAR *dst)
{
    journal_entry *e = add(j, JOURNAL_FILE);
    if (!e)
        return ERROR_NOT_ENOUGH_MEMORY;
    wcsncpy(e->path, dst, MAX_PATH - 1);
    if (GetFileAttributesW(src) == INVALID_FILE_ATTRIBUTES) {
        DWORD err = GetLastError();
        journal_report("cannot read the driver", src, err);
        j->count--;
        return err;
    }
    if (GetFileAttributesW(dst) != INVALID_FILE_ATTRIBUTES) {
        /* Renaming works even while a program has the old driver loaded; the copy then
         * writes a new file, and a rollback renames the old one back. */
        swprintf(e->backup, MAX_PATH, L"%ls.ffacm-old", dst);
        DeleteFileW(e->backup);
        if (!MoveFileExW(dst, e->backup, MOVEFILE_REPLACE_EXISTING)) {
            DWORD err = GetLastError();
            journal_report("cannot replace", dst, err);
            j->count--;
            return err;
        }
    }
    if (!CopyFileW(src, dst, FALSE)) {
        DWORD err = GetLastError();
        journal_report("cannot copy the driver to", dst, err);
        return err; /* entry kept: rollback restores the backup */
    }
    return 0;
}

DWORD journal_set_string(install_journal *j, HKEY root, const WCHAR *subkey, const WCHAR *name,
                         const WCHAR *data)
{
    journal_entry *e = add(j, JOURNAL_VALUE);
    if (!e)
        return ERROR_NOT_ENOUGH_MEMORY;
    e->root = root;
    wcsncpy(e->path, subkey, MAX_PATH - 1);
    wcsncpy(e->name, name, 63);
    HKEY key;
    DWORD disposition = 0;
    LONG rc = RegCreateKeyExW(root, subkey, 0, NULL, 0, KEY_QUERY_VALUE | KEY_SET_VALUE, NULL, &key,
                              &disposition);
    if (rc != ERROR_SUCCESS) {
        journal_report("cannot open registry key", subkey, (DWORD)rc);
        j->count--;
        return (DWORD)rc;
    }
    e->created_key = disposition == REG_CREATED_NEW_KEY;
    e->old_size = sizeof e->old_data;
    if (RegQueryValueExW(key, name, NULL, &e->old_type, e->old_data, &e->old_size) != ERROR_SUCCESS)
        e->old_type = REG_NONE;
    rc = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)data, (DWORD)((wcslen(data) + 1) * sizeof(WCHAR)));
    RegCloseKey(key);
    if (rc != ERROR_SUCCESS) {
        journal_report("cannot write registry value", name, (DWORD)rc);
        j->count--;
        return (DWORD)rc;
    }
    return 0;
}

void journal_rollback(install_journal *j)
{
    for (int i = j->count - 1; i >= 0; i--) {
        journal_entry *e = &j->entries[i];
        if (e->kind == JOURNAL_FILE) {
            DeleteFileW(e->path);
            if (e->backup[0] && !MoveFileExW(e->backup, e->path, MOVEFILE_REPLACE_EXISTING))
                journal_report("rollback: cannot restore", e->path, GetLastError());
            fprintf(stderr, "rolled back: %ls\n", e->path);
        } else {
            HKEY key;
            if (RegOpenKeyExW(e->root, e->path, 0, KEY_SET_VALUE, &key) != ERROR_SUCCESS)
                continue;
            if (e->old_type == REG_NONE)
                RegDeleteValueW(key, e->name);
            else
                RegSetValueExW(key, e->name, 0, e->old_type, e->old_data, e->old_size);
            RegCloseKey(key);
            if (e->created_key)
                RegDeleteKeyW(e->root, e->path);
            fprintf(stderr, "rolled back: %ls\\%ls\n", e->path, e->name);
        }
    }
    j->count = 0;
}

void journal_commit(install_journal *j)
{
    for (int i = 0; i < j->count; i++) {
        journal_entry *e = &j->entries[i];
        /* A backup still loaded by a running program cannot go now: remove it at reboot. */
        if (e->kind == JOURNAL_FILE && e->backup[0] && !DeleteFileW(e->backup))
            MoveFileExW(e->backup, NULL, MOVEFILE_DELAY_UNTIL_REBOOT);
    }
    j->count = 0;
}
