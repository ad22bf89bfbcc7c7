# modes: text json
strat build
destory web1
Dominfo web1
list --all
