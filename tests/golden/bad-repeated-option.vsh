# modes: text json
list --all --all
destroy --domain web1 --domain db1
autostart --disable --disable build
list --all
