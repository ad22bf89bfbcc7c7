# modes: text json
# Bad --xpath use: each a one-line usage error (exit 2).
dumpxml web1 --xpath '//['
dumpxml web1 --xpath 'nope:mac'
dumpxml web1 --xpath 'nosuch()'
dumpxml web1 --xpath ''
dumpxml web1 --wrap
dumpxml web1 --xpath
dumpxml nosuch --xpath //mac
