# modes: text json
# Bad input for the pool commands: one line each, status 1 for a failure, 2
# for a usage error, nothing changed (pool-list at the end).
pool-info nosuch
pool-name default
pool-uuid 11111111-0000-4000-8000-0000000000b1
pool-list --type bogus
pool-list --all --inactive
pool-list --details --uuid
pool-start default
pool-undefine default
pool-create pool-new.xml --overwrite --no-overwrite
pool-define-as p2 rbd --secret-usage a --secret-uuid b
pool-define nosuch.xml
pool-define dom-new.xml
pool-define-as default dir --target /srv/x
pool-event --event bogus
pool-dumpxml default --xpath '//['
pool-list --all --details
