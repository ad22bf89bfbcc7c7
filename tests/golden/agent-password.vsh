# modes: text json
# The password comes from a file, the command line (with a warning) or stdin
# (here /dev/null: nothing to read).
set-user-password web1 root --password-file agent-password.txt
set-user-password web1 root --password-file agent-password.txt --encrypted
set-user-password web1 root s3cret
set-user-password web1 root
set-user-password web1 root --password-file agent-password-empty.txt
set-user-password web1 root --password-file agent-nonexistent.txt
set-user-password web1 root s3cret --password-file agent-password.txt
set-user-password web1
set-user-password nosuch root --password-file agent-password.txt
