# stdin
# args: --halt-on-error
domstate web1
start web1
suspend web1
