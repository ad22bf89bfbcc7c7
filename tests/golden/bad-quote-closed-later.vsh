# A quote may span lines: this is one word "a<newline>b", not an error.
echo 'a
b'
list --all
