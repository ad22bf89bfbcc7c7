# modes: text json
help start
start --help
help domain
help help
list --help
