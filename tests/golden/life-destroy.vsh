# modes: text json
destroy web1
domstate --reason web1
destroy --graceful db1
domstate --reason db1
destroy scratch
destroy build
list --all
