# modes: text json
# The test driver's capabilities list no machine types: an empty table.
machine-types
