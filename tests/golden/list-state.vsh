# modes: text json
# Each state filter on its own (they imply --all), then two together.
list --state-running
list --state-paused
list --state-shutoff
list --state-other
list --state-running --state-paused
