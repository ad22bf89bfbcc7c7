# modes: text json
# quote's must be quoted (or escaped); a near miss is not found.
domstate "quote's"
domstate quote\'s
domstate 'quote'\''s'
start "quotes"
start 'quote"s'
list --all
