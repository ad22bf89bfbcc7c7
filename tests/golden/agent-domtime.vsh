# modes: text json
# The test driver keeps a canned guest time; setting it is accepted.
domtime web1
domtime web1 --pretty
domtime web1 --time 1700000000
domtime web1 --sync
domtime --domain web1 --time 0
domtime web1 --time 5 --now
domtime web1 --time 5 --sync
domtime web1 --pretty --time 5
domtime web1 --time soon
domtime web1 --time -1
domtime nosuch
