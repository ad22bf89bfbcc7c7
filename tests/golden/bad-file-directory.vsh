# modes: text json
define .
create /
list --all
