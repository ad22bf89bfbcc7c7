# modes: text json
# pool-capabilities (the test driver has none) and the test driver's canned
# sources.
pool-capabilities
find-storage-pool-sources logical
find-storage-pool-sources netfs pool-sources.xml
find-storage-pool-sources-as netfs --host nfs.example.org --port 2049
