# modes: text json
# The host's memory and CPUs as the test driver fakes them: test:///default
# has two NUMA cells (the node file none).
connect test:///default
sysinfo
freecell
freecell --all
freecell --cellno 1
freecell 0
freecell --cellno 0 --all
freepages
freepages --all --pagesize 2M
freepages 1 2048
freepages --cellno 0
freepages --pagesize 4
nodecpustats
nodecpustats --cpu 2
nodecpumap
nodecpumap --pretty
nodememstats
node-memory-tune
allocpages 2M 10
nodesuspend mem 60
nodesuspend bogus 60
