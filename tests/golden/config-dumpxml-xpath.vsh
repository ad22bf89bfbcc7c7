# modes: text json
# dumpxml --xpath: elements as XML, attributes and text as values, scalar
# results, --wrap (an attribute keeps its element so several never merge).
dumpxml web1 --xpath //mac
dumpxml web1 --xpath //mac/@address
dumpxml web1 --xpath /domain/name/text()
dumpxml web1 --xpath //interface/source --wrap
dumpxml web1 --xpath //mac/@address --wrap
dumpxml web1 --xpath 'count(//disk)'
dumpxml web1 --xpath 'string(/domain/title)'
dumpxml web1 --xpath 'count(//disk) > 1'
dumpxml web1 --xpath //nomatch
dumpxml web1 --xpath //nomatch --wrap
dumpxml web1 --xpath //interface[1]/target
dumpxml web1 --inactive --xpath //interface[1]/target
dumpxml 'my vm' --xpath /domain/vcpu
