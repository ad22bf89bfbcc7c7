# modes: text json
# domcontrol: running and paused domains; one that does not run.
domcontrol web1
domcontrol 2
domcontrol build
