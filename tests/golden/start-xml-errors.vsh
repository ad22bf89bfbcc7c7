start build --xml web1-oneoff.xml
start build --xml build-oneoff-wronguuid.xml
start build --xml missing.xml
start build --xml build-oneoff.xml --force-boot
start web1 --xml web1-oneoff.xml
start scratch --xml build-oneoff.xml
list --all
dumpxml --inactive build
