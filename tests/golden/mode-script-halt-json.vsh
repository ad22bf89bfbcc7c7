# args: --halt-on-error -o json
domstate web1
frobnicate
suspend web1
