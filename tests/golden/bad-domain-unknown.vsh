# modes: text json
# By name, ID and UUID, for a read and for a change.
dominfo nosuch
destroy nosuch
dominfo 99
start 99
dominfo 11111111-0000-4000-8000-0000000000ff
undefine 11111111-0000-4000-8000-0000000000ff
list --all
