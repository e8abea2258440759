/*
 * install_journal.h - the changes `ffacm install` makes, recorded so that a failure half way
 * (a locked or missing file, a registry write refused) puts every file and registry value
 * back as it was: no half-installed codec.
 */
#ifndef FFACM_CLI_INSTALL_JOURNAL_H
#define FFACM_CLI_INSTALL_JOURNAL_H

#include <windows.h>

#define JOURNAL_MAX 16

typedef struct journal_entry {
    int kind;                  /* JOURNAL_FILE, JOURNAL_VALUE, JOURNAL_KEY */
    WCHAR path[MAX_PATH];      /* file path, or registry subkey */
    WCHAR backup[MAX_PATH];    /* file: where the previous file was moved ("" if none) */
    HKEY root;                 /* registry */
    WCHAR name[64];            /* value name */
    DWORD old_type;            /* REG_NONE: the value did not exist */
    BYTE old_data[512];
    DWORD old_size;
    int created_key;           /* the write created root\path: rollback deletes the key */
} journal_entry;

typedef struct install_journal {
    journal_entry entries[JOURNAL_MAX];
    int count;
} install_journal;

/* Copy `src` over `dst`, keeping any previous `dst` as a backup.  0, or a Win32 error (the
 * message is printed). */
DWORD journal_copy_file(install_journal *j, const WCHAR *src, const WCHAR *dst);

/* Set REG_SZ `name` = `data` under root\subkey (created if needed), remembering the old value. */
DWORD journal_set_string(install_journal *j, HKEY root, const WCHAR *subkey, const WCHAR *name,
                         const WCHAR *data);

/* Undo everything recorded, newest first. */
void journal_rollback(install_journal *j);

/* Keep the changes: delete the backups of replaced files. */
void journal_commit(install_journal *j);

/* Print "error: WHAT: <system message> (code)" on stderr. */
void journal_report(const char *what, const WCHAR *object, DWORD code);

#endif
