# modes: text json
# The whole command list; it grows with every new command (regenerate then).
help
