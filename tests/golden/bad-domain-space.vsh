# modes: text json
# "my vm" unquoted is two words; quoted it is found.
destroy my vm
start my vm
start 'my vm '
domstate 'my vm'
list --all
