# modes: text json
# The test driver has no secrets: each command fails in one line (the
# real daemon's are in tests/integration/t-secret.sh).  A value on the
# command line is refused before anything is asked of libvirt.
secret-list
secret-define secret-new.xml
secret-dumpxml 33333333-0000-4000-8000-000000000001
secret-set-value 33333333-0000-4000-8000-000000000001 --base64 aGVsbG8=
secret-set-value 33333333-0000-4000-8000-000000000001 --file secret-value.b64 aGVsbG8=
secret-set-value 33333333-0000-4000-8000-000000000001 --file secret-value.b64
secret-get-value 33333333-0000-4000-8000-000000000001
secret-undefine client.golden
secret-event --list
secret-event --timeout 1
