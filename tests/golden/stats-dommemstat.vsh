# modes: text json
# dommemstat: the test driver reports no statistics (all null in JSON);
# --period needs a balloon; bad periods; a domain that does not run.
dommemstat web1
dommemstat 2 --live
dommemstat web1 --period 5
dommemstat web1 --period -1
dommemstat web1 --current --live
dommemstat build
