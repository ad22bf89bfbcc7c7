# modes: text json
help nosuch
help strat
help start extra
list --all
