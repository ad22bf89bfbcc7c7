# modes: text json
# Actions that do not fit the domain's state fail with one line each.
start web1
suspend db1
resume web1
shutdown build
reboot build
reset build
destroy build
suspend build
list --all
