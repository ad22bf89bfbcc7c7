# modes: text json
undefine saved
undefine nosuch
undefine
list --all
