# modes: text json
destroy
define
domrename build
shutdown web1 --mode
dominfo --domain
list --all
