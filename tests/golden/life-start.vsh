# modes: text json
start build
domstate --reason build
domid build
start 11111111-0000-4000-8000-000000000005
list --all
