# modes: text json
# Without --validate the unknown element is dropped; with it, the schema
# rejects the file and nothing is defined.
define --validate dom-schema-invalid.xml
list --all --name
define --validate dom-new.xml
define dom-schema-invalid.xml
list --all --name
