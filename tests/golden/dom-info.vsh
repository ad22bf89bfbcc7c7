# modes: text json
# A running domain with a title, a paused one, a shut-off one, a transient one.
dominfo web1
dominfo db1
dominfo build
dominfo scratch
