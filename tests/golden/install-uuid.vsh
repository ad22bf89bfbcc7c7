# Neither config has a UUID: one is generated and written into both.
# filter: s/[0-9a-f]\{8\}-[0-9a-f]\{4\}-4[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}/@UUID@/g
install install-final-nouuid.xml install-boot.xml --dry-run
install install-final-nouuid.xml install-boot.xml
domuuid newvm
dumpxml newvm
dumpxml --inactive newvm
# --resume of a domain whose config had no UUID keeps the domain's own.
destroy newvm
install install-final-nouuid.xml install-boot.xml --resume
domuuid newvm
dumpxml --xpath 'string(/domain/uuid)' newvm
dumpxml --inactive --xpath 'string(/domain/uuid)' newvm
