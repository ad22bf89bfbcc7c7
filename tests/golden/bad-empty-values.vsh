# modes: text json
dominfo ''
dominfo --domain=
domrename build ''
domrename build --new-name=
destroy ""
list --all
