# modes: text json
undefine saved
list --all --name
undefine --managed-save saved
list --all --name
