# modes: text json
reboot web1
domstate --reason web1
domid web1
reboot build
reboot --mode bogus web1
