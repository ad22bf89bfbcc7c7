# modes: text json
list --inactive
