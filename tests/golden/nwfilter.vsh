# modes: text json
# The test driver has no network filters: each command fails in one line
# (the real daemon's are in tests/integration/t-nwfilter.sh).
nwfilter-list
nwfilter-define nwfilter-new.xml
nwfilter-dumpxml golden-filter
nwfilter-undefine golden-filter
nwfilter-binding-list
nwfilter-binding-create nwfilter-binding.xml
nwfilter-binding-dumpxml vnet0
nwfilter-binding-delete vnet0
