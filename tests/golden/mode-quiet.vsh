# args: -q
# modes: text json
# -q drops the informational "Domain ... started" lines, never data or errors.
start build
suspend web1
start web1
list --all
