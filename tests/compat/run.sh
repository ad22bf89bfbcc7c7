#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/compat/run.sh BUILDDIR [PATTERN...] - the conformance suite: virsh and
# virtsh on the same input, compared (TAP).  The work is done by compat.py
# next to this script; README.rst describes the cases and the two lists.
exec python3 "$(dirname "$0")/compat.py" "$@"
