# modes: text json
define dom-not-wellformed.xml
create dom-not-wellformed.xml
list --all
