# modes: text json
# The test driver rejects the paused flag of virDomainCreateXML.
create --paused dom-transient.xml
list --all --transient
