# modes: text json
define no-such-file.xml
create /nonexistent/dir/x.xml
list --all
