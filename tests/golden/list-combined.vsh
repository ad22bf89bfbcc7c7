# modes: text json
# Filters of different kinds narrow each other down.
list --all --persistent --state-shutoff --name
list --inactive --no-autostart --uuid
list --state-running --transient --title
