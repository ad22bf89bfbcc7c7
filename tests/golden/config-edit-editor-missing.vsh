# env: EDITOR=@DATA@/no-such-editor TMPDIR=@TMP@
# The editor cannot run at all.
edit build
