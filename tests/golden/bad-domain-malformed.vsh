# modes: text json
# Not quite an ID or a UUID: looked up as names, not found.
dominfo 11111111-0000-4000-8000
dominfo 11111111-0000-4000-8000-0000000000011
dominfo 99999999999999999999
dominfo -1
dominfo 0x1
list --all
