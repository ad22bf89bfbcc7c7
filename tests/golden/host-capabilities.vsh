# modes: text json
capabilities
