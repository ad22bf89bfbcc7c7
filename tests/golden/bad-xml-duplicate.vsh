# modes: text json
# The name of an existing domain with another UUID.
define dom-duplicate.xml
create dom-duplicate.xml
list --all
