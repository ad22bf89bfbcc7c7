# modes: text json
define dom-new.xml
list --all --title
dominfo newvm
dumpxml newvm
start newvm
domstate --reason newvm
