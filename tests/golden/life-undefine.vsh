# modes: text json
# An inactive domain disappears; a running one stays, transient.
undefine build
undefine web1
list --all --persistent
list --all --transient
undefine 'my vm'
list --all
