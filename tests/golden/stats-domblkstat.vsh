# modes: text json
# filter: s/\([a-z]\) [0-9]\{5,\}$/\1 N/;s/\(:\{1\} *\)[0-9]\{5,\}$/\1N/;s/":[0-9]\{5,\}/":N/g
# domblkstat: one disk, --human, by --device; all disks at once (the test
# driver cannot sum them); an unknown disk; a domain that does not run.
# The test driver derives the counters from the clock (filtered).
domblkstat web1 vda
domblkstat 1 sda --human
domblkstat --domain web1 --device vda
domblkstat web1
domblkstat web1 nosuch
domblkstat build vda
domblkstat
