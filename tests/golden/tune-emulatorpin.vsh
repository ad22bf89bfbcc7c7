# modes: text json
# emulatorpin: show, pin, reset with r, bad lists.
emulatorpin web1
emulatorpin build --config
emulatorpin web1 2-3
emulatorpin web1
emulatorpin web1 --cpulist r
emulatorpin web1
emulatorpin web1 9
emulatorpin web1 --live --config
