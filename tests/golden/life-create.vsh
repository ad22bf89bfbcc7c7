# modes: text json
create dom-transient.xml
list --all --transient
dominfo tmpvm
# a second create of the same name fails
create dom-transient.xml
