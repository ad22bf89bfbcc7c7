# modes: text json
list --all --title
list --title --state-running
