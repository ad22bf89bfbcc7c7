# modes: text json
# pool-info by name and by UUID, in pretty units and in bytes; an inactive
# pool has no sizes; pool-name takes a UUID, pool-uuid a name.
pool-info default
pool-info --pool 11111111-0000-4000-8000-0000000000b2 --bytes
pool-name 11111111-0000-4000-8000-0000000000b2
pool-uuid default
pool-destroy vg0
pool-info vg0
