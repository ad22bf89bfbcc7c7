# modes: text json
# efi has a UEFI loader and NVRAM.  The test driver neither keeps NVRAM files
# nor takes the --nvram/--keep-nvram flags: plain undefine succeeds here
# (a qemu host would refuse it and virtsh would name the flag to add).
undefine --nvram efi
undefine --keep-nvram efi
list --all --name
undefine efi
list --all --name
