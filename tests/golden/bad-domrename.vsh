# modes: text json
domrename web1 web2
domrename build db1
domrename build 'bad/name'
domrename nosuch x
list --all
