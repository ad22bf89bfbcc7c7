# modes: text json
# net-dumpxml: the whole XML, or what --xpath selects (--wrap: in <nodes>).
net-dumpxml lab
net-dumpxml default --xpath //ip/@address
net-dumpxml default --xpath //range --wrap
net-dumpxml default --xpath count(//ip)
net-dumpxml default --xpath '//['
net-dumpxml lab --wrap
net-dumpxml nosuch
