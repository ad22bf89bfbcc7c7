# modes: text json
define /dev/null
create /dev/null
list --all
