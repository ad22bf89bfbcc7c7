# modes: text json
# iothreadinfo, iothreadadd, iothreadpin, iothreadset, iothreaddel: none,
# add two, pin one, change one, delete them; bad ids; nothing to change.
iothreadinfo web1
iothreadadd web1 2
iothreadadd web1 --id 5
iothreadpin web1 5 1,3
iothreadinfo web1
iothreadset web1 5 --poll-max-ns 100 --poll-grow 2 --poll-shrink 3
iothreadset web1 5
iothreaddel web1 2
iothreaddel web1 5
iothreadinfo web1
iothreadadd build 2 --config
iothreadinfo build --config
iothreadadd web1 0
iothreaddel web1 7
iothreadpin web1 1 x
