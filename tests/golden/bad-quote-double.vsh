# modes: text json
list
destroy "web1
list --all
