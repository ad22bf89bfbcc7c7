#!/bin/sh
# A real, non-interactive editor for the golden cases of "edit": applies the
# sed expression in $EDIT_SED to the file it is given, as a user would.
exec sed -i -e "$EDIT_SED" "$1"
