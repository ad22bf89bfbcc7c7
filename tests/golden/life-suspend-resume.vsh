# modes: text json
suspend web1
domstate --reason web1
suspend web1
resume web1
domstate --reason web1
resume web1
resume db1
list
suspend build
