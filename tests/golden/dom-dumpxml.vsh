# modes: text json
# The live XML of a running domain has its ID and the generated interface
# names; --inactive shows the persistent definition.
dumpxml web1
dumpxml --inactive web1
dumpxml build
