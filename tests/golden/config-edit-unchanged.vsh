# modes: text json
# env: EDITOR=true TMPDIR=@TMP@
# An editor that leaves the file alone: nothing is defined.
edit web1
edit scratch
list --all --persistent
