# modes: text json
# domstats: all domains (sorted as list sorts them), named ones in their
# order, each group, the --list-* filters, --raw (JSON keeps libvirt's flat
# names), and bad input.  The test driver reports the state group only.
domstats
domstats web1 db1
domstats scratch 1 11111111-0000-4000-8000-000000000004
domstats 'my vm' --state
domstats web1 --cpu-total --balloon --vcpu --interface --block --perf --iothread --memory --dirtyrate --vm
domstats web1 --raw
domstats --list-active
domstats --list-inactive --list-transient
domstats --list-running --list-persistent
domstats --list-paused --list-shutoff --state --raw
domstats --list-other
domstats web1 --nowait --backing
domstats web1 --block --enforce
domstats web1 nosuch
domstats web1 --bogus
