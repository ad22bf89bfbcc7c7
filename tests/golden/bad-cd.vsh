# modes: text json
cd /nonexistent
cd /etc/passwd
cd / extra
pwd
