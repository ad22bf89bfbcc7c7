# An unterminated single quote swallows the rest of the script: the destroy
# never runs, the error names the line where the quote opened.
list
destroy 'web1
list --all
