# modes: text json
list --all
