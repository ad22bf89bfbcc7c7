# Batch status: non-zero when ANY command failed, not only the last one.
start web1
domstate web1
echo the last command succeeded
