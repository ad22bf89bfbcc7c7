# modes: text json
domrename build builder
list --all
domstate builder
domstate build
domrename web1 web2
domrename 'my vm' 'your vm'
domuuid 'your vm'
