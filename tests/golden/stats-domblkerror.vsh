# modes: text json
# domblkerror: the test driver's canned errors; a domain that does not run.
domblkerror web1
domblkerror db1
domblkerror build
domblkerror
