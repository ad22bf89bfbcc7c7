# modes: text json
uri
version
hostname
nodeinfo
