# A backslash before the end of the script continues nothing.
list
destroy web1 \
