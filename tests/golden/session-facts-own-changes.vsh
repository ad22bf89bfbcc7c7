# stdin
# modes: text json
# One session (a batch on stdin) remembers what dominfo learnt of a domain's
# persistence; its own undefine and define must not leave that stale.
dominfo web1
undefine web1
dominfo web1
define web1-redefine.xml
dominfo web1
domstate web1
