# modes: text json
# blkiotune: show; set the weight and per-device values; bad weights.
blkiotune web1
blkiotune web1 --weight 500 --device-weights /dev/sda,300,/dev/sdb,200
blkiotune web1 --device-read-iops-sec /dev/sda,100 --device-write-bytes-sec /dev/sdb,1000
blkiotune web1
blkiotune web1 --weight 0
blkiotune web1 --weight x
