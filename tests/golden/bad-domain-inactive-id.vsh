# An inactive domain has no ID: its former number finds nothing.
destroy web1
dominfo 1
list --all
