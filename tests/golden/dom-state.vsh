# modes: text json
domstate web1
domstate db1
domstate build
domstate --reason web1
domstate --reason db1
domstate --reason build
domstate --reason scratch
