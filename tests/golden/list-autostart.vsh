# modes: text json
# The test driver reads no autostart flag from the node XML: set two here.
autostart build
autostart web1
list --all --autostart
list --all --no-autostart
list --autostart
