# modes: text json
# domblkinfo: one disk in bytes and --human, every disk (--all), a domain
# without disks, and the missing or conflicting device.
domblkinfo web1 vda
domblkinfo web1 sda --human
domblkinfo web1 --all
domblkinfo 1 --all --human
domblkinfo build --all
domblkinfo web1
domblkinfo web1 vda --all
domblkinfo web1 nosuch
