# modes: text json
# efi has a UEFI loader and NVRAM.  The test driver neither keeps NVRAM files
# nor takes the --nvram/--keep-nvram flags: --nvram fails (deleting the file
# cannot be emulated), --keep-nvram falls back to a plain undefine, as virsh
# does (a qemu host would refuse a plain undefine and virtsh would name the
# flag to add).
undefine --nvram efi
list --all --name
undefine --keep-nvram efi
list --all --name
