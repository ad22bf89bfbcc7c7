# modes: text json
list --all --persistent
list --all --transient
list --persistent
list --transient
