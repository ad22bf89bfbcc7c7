# modes: text json
list --all --uuid
list --uuid --transient
