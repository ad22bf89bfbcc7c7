# modes: text json
# filter: s/top - [0-9:]*/top - HH:MM:SS/;s/"time_s":[0-9.][0-9.]*/"time_s":T/;s/"interval_s":[0-9.][0-9.]*/"interval_s":I/
# top --batch: two refreshes (rates need two; the test driver reports
# states only, so they stay unknown), sorted by name and reversed by
# memory; bad delays, orders and counts.
top --batch --iterations 2 --delay 0.1 --sort name
top --iterations 1 --sort mem
top --delay 0
top --delay x
top --sort bogus
top --iterations 0
