# modes: text json
frobnicate web1
LIST
--all
list --all
