# modes: text json
destroy web1 db1
define dom-new.xml extra
uri now
list --all now
list --all
