# modes: text json
reset web1
domstate --reason web1
reset build
