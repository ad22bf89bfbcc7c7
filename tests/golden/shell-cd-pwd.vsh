# modes: text json
pwd
cd /
pwd
cd
pwd
cd /nonexistent
pwd
