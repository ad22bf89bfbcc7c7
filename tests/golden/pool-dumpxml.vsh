# modes: text json
# pool-dumpxml, whole and through --xpath.
pool-dumpxml default
pool-dumpxml vg0 --xpath /pool/source/device/@path
pool-dumpxml vg0 --xpath //path --wrap
pool-dumpxml default --xpath 'count(//path)'
