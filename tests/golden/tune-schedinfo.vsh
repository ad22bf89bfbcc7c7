# modes: text json
# schedinfo: show (the test driver: scheduler "fair", weight 50, and it
# ignores changes); set with --set and as a word; bad names and values.
schedinfo web1
schedinfo build
schedinfo web1 --set weight=100
schedinfo web1 weight=200
schedinfo web1 --set bogus=1
schedinfo web1 weight=x
schedinfo web1 weight
schedinfo web1 --config
