# modes: text json
# blkdeviotune (the test driver keeps the limits), blockcopy --print-xml,
# and the block commands the test driver refuses.
blkdeviotune web1 vda
blkdeviotune web1 vda --total-bytes-sec-max 20M --total-bytes-sec 10M --group-name g1
blkdeviotune web1 vda
blkdeviotune web1 vda --read-iops-sec 100 --write-iops-sec 50 --config
blkdeviotune web1 vda --total-bytes-sec 10M --read-bytes-sec 1M
blkdeviotune web1 vda --total-bytes-sec 1Q
blockcopy web1 vda /tmp/copy.img --print-xml
blockcopy web1 vda /tmp/copy.qcow2 --format qcow2 --print-xml
blockcopy web1 vda /dev/sdz --blockdev --print-xml
blockcopy web1 vda /tmp/copy.img --wait --pivot
blockcopy web1 vda
blockcopy web1 vda /tmp/copy.img --xml dev-disk.xml
blockcopy web1 vda /tmp/copy.img --pivot --finish
blockcopy web1 vda /tmp/copy.img --verbose
blockcopy web1 vda /tmp/copy.img --bandwidth fast
blockcommit web1 vda --active --pivot
blockcommit web1 vda --pivot --keep-overlay
blockpull web1 vda --wait
blockpull web1 vda --async
blockjob web1 vda
blockjob web1 vda --abort --info
blockjob web1 vda --raw --bandwidth 10
blockresize web1 vda 20G
blockresize web1 vda 20X
domblkthreshold web1 vda 10G
