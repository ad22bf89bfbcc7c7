# modes: text json
# domid of an inactive domain, and names that need quoting.
domid build
domid scratch
domuuid 'my vm'
domuuid "quote's"
domuuid café-ü
domuuid テスト
domname 11111111-0000-4000-8000-000000000005
domname 11111111-0000-4000-8000-00000000000a
