# modes: text json
nodedev-event --list
nodedev-event --timeout 1
nodedev-event computer --event update --timeout 1
nodedev-event --event bogus
