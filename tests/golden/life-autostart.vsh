# modes: text json
autostart build
dominfo build
list --all --autostart
autostart --disable build
list --all --autostart
