# modes: text json
shutdown web1
domstate --reason web1
shutdown scratch
list --all
shutdown --mode acpi db1
shutdown build
