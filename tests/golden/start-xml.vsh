# modes: text json
# Boot a defined domain once with another config; its persistent config stays.
start build --xml build-oneoff.xml
domstate build
dumpxml build
dumpxml --inactive build
destroy build
dumpxml build
