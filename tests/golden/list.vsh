# modes: text json
# The default listing shows active domains only, in ID order.
list
