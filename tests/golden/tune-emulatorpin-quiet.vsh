# args: -q
# emulatorpin -q: the affinity only, as virsh -q prints it.
emulatorpin web1
