# modes: text json
# numatune: show; set mode by name and number and a node set; bad modes.
numatune web1
numatune web1 --mode interleave --nodeset 0
numatune web1
numatune web1 2 0
numatune web1 --mode 1
numatune web1 --mode bogus
