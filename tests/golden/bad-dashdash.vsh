# After "--" everything is a word: "--all" becomes a domain name.
dominfo -- --all
list -- --all
destroy -- web1 db1
list --all
