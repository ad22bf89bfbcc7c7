# stdin
# Batch input on a pipe: no prompts, nothing on stdout but command output;
# the status says a command failed.
domstate web1
start web1
suspend web1
domstate --reason web1
