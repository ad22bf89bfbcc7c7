# modes: text json
# File system freeze, thaw and info from the test driver's canned agent data.
domfsfreeze web1
domfsthaw web1
domfsfreeze web1 --mountpoint / --mountpoint /boot
domfsthaw web1 / /boot
domfsinfo web1
domfsfreeze nosuch
domfsinfo nosuch
