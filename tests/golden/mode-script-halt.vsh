# args: --halt-on-error
# Stops at the first failure: suspend never runs.
domstate web1
start web1
suspend web1
