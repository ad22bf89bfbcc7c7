# modes: text json
# env: EDITOR=false TMPDIR=@TMP@
# The editor exits non-zero: nothing is defined.
edit build
edit nosuch
dumpxml build --xpath //memory
