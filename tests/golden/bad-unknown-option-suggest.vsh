# modes: text json
list --al
list --nmae
undefine --nvarm efi
list ---all
list --all
