#!/bin/bash
# t-domain.sh - domain commands whose behaviour only the QEMU driver shows:
# undefine of a UEFI guest with an NVRAM file (the test driver ignores NVRAM).
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DESC=(
    "undefine of a domain with an NVRAM file fails and names --nvram and --keep-nvram"
    "that failed undefine left the domain and its NVRAM file as they were"
    "undefine --keep-nvram removes the domain and keeps the NVRAM file"
    "undefine --nvram removes the domain and its NVRAM file"
)
# Every test of this script skipped, with the reason.
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }
it_setup || skip_all "$IT_SKIP_REASON"

# A UEFI-style definition: libvirt refuses to undefine it while its NVRAM
# file exists unless told what to do with the file.  Nothing boots it, so
# no firmware package is needed.
uefi_xml() {   # uefi_xml NAME NVRAM
    cat <<EOX
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>64</memory>
  <features><acpi/></features>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <loader readonly='yes' type='pflash'>$IT_TMPDIR/OVMF_CODE.fd</loader>
    <nvram>$2</nvram>
  </os>
</domain>
EOX
}

define_uefi() {   # define_uefi NAME -> prints the NVRAM path
    local name=$1 nvram=$IT_TMPDIR/$1_VARS.fd xml=$IT_TMPDIR/xml/$1.xml
    mkdir -p "$IT_TMPDIR/xml"
    : > "$IT_TMPDIR/OVMF_CODE.fd"
    head -c 4096 /dev/zero > "$nvram"
    uefi_xml "$name" "$nvram" > "$xml"
    chown "$IT_UID:$IT_GID" "$nvram" "$xml" "$IT_TMPDIR/OVMF_CODE.fd"
    it_track_domain "$name"
    it_virtsh define "$xml" >/dev/null 2>&1 || return 1
    echo "$nvram"
}

nvram=$(define_uefi uefi-a)
out=$(it_virtsh undefine uefi-a 2>&1)
rc=$?
[ $rc -eq 1 ] && [ "$out" = "error: domain 'uefi-a' has a UEFI NVRAM file: add --nvram to delete it or --keep-nvram to keep it" ]
tap_result $? "${DESC[0]}" || tap_diag "exit $rc: $out"

[ "$(it_domstate uefi-a)" = "shut off" ] && [ -f "$nvram" ]
tap_result $? "${DESC[1]}" || tap_diag "state: $(it_domstate uefi-a)"

out=$(it_virtsh undefine uefi-a --keep-nvram 2>&1) &&
    [ "$(it_domstate uefi-a)" = gone ] && [ -f "$nvram" ]
tap_result $? "${DESC[2]}" || tap_diag "$out"

nvram=$(define_uefi uefi-b)
out=$(it_virtsh undefine uefi-b --nvram 2>&1) &&
    [ "$(it_domstate uefi-b)" = gone ] && [ ! -e "$nvram" ]
tap_result $? "${DESC[3]}" || tap_diag "$out"

tap_plan
