# modes: text json
shutdown --mode bogus web1
reboot --mode acpi,bogus web1
shutdown --mode= web1
list --all
