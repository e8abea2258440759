#!/bin/sh
# usage: check_exports.sh OBJDUMP ffacm.acm
# The export table must name DriverProc undecorated, and the DLL may import only system DLLs.
set -eu
objdump=$1 dll=$2
table=$("$objdump" -p "$dll")
if ! printf '%s\n' "$table" | grep -Eq '^[[:space:]]*\[[[:space:]]*[0-9]+\][[:space:]]+DriverProc$'; then
  echo "FAIL: DriverProc is not exported undecorated"; printf '%s\n' "$table" | sed -n '/Export Address/,/^$/p; /Name Pointer/,/^$/p'
  exit 1
fi
if printf '%s\n' "$table" | grep -Eq 'DriverProc@'; then echo "FAIL: decorated export"; exit 1; fi
bad=$(printf '%s\n' "$table" | sed -n 's/^[[:space:]]*DLL Name: //p' | grep -Eiv '^(kernel32|user32|advapi32|winmm|msacm32|msvcrt|bcrypt|ole32|shell32|gdi32|comctl32|comdlg32|ws2_32|api-ms-win-.*)\.dll$' || true)
if [ -n "$bad" ]; then echo "FAIL: unexpected DLL imports: $bad"; exit 1; fi
echo "ok: DriverProc exported undecorated; imports: $(printf '%s\n' "$table" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr '\n' ' ')"
