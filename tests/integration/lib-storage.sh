# shellcheck shell=bash
# tests/integration/lib-storage.sh - what the storage scripts (t-storage.sh,
# t-crash-storage.sh) share: dir pools in the run's temporary directory,
# a file with holes, and the test guest on a pool's volume.  Source it after
# lib.sh and it_setup.
#
#   stg_pool NAME            a dir pool NAME in $IT_TMPDIR/pools/NAME, built
#                            and started with virsh (so that it does not
#                            depend on what is under test); sets STG_DIR to
#                            its directory; removed at exit (not in $(...))
#   stg_holes FILE SIZE_MIB  a file of the test user with data and holes:
#                            1 MiB of random data at 0, 512 KiB at 5 MiB,
#                            4 KiB at SIZE-4K, holes between (SIZE >= 8)
#   stg_blocks FILE          its allocated 512-byte blocks (stat %b)
#   stg_guest_xml NAME DISK  the test guest (normal mode, agent) on DISK,
#                            with a user-mode virtio NIC (a MAC address to
#                            compare); prints a file of the test user
#   stg_guest_volume POOL VOL  the pristine guest disk as volume VOL of
#                            POOL (virsh vol-create-as, then cp); prints
#                            its path

STG_POOLS=()

stg__remove_pools() {
    local p
    for p in "${STG_POOLS[@]}"; do
        it_hvirsh pool-destroy "$p" >/dev/null 2>&1
        it_hvirsh pool-undefine "$p" >/dev/null 2>&1
    done
}

stg_pool() {
    local name=$1 dir=$IT_TMPDIR/pools/$1
    mkdir -p "$IT_TMPDIR/pools" && chown "$IT_UID:$IT_GID" "$IT_TMPDIR/pools"
    [ ${#STG_POOLS[@]} -eq 0 ] && it_at_exit stg__remove_pools
    STG_POOLS+=("$name")
    it_hvirsh pool-define-as "$name" dir --target "$dir" >/dev/null &&
        it_hvirsh pool-build "$name" >/dev/null && it_hvirsh pool-start "$name" >/dev/null &&
        STG_DIR=$dir
}

stg_holes() {
    local file=$1 size=$2
    python3 - "$file" "$size" <<'EOF' && chown "$IT_UID:$IT_GID" "$file"
import os, sys
path, mib = sys.argv[1], int(sys.argv[2])
with open(path, 'wb') as f:
    f.write(os.urandom(1 << 20))
    f.seek(5 << 20)
    f.write(os.urandom(512 << 10))
    f.seek((mib << 20) - 4096)
    f.write(os.urandom(4096))
EOF
}

stg_blocks() {
    stat -c %b "$1"
}

stg_guest_xml() {
    local name=$1 disk=$2 f=$IT_TMPDIR/xml/$1.storage.xml
    mkdir -p "$IT_TMPDIR/xml"
    bash "$IT_SRCDIR/guest-xml.sh" --name "$name" --mode normal --kernel "$IT_GUEST_DIR/vmlinuz" \
        --initrd "$IT_GUEST_DIR/initrd.img" --disk "$disk" --serial-log "$(it_serial_log "$name")" |
        sed "s|<memballoon|<interface type='user'><model type='virtio'/></interface>\n    <memballoon|" \
            > "$f" || return 1
    chown "$IT_UID:$IT_GID" "$f"
    it_track_domain "$name"
    echo "$f"
}

stg_guest_volume() {
    local pool=$1 vol=$2 size path
    size=$(stat -c %s "$IT_GUEST_DIR/disk.img")
    it_hvirsh vol-create-as "$pool" "$vol" "$size" --allocation 0 --format raw >/dev/null || return 1
    path=$(it_hvirsh vol-path "$vol" --pool "$pool" | head -n 1) || return 1
    cp --sparse=always "$IT_GUEST_DIR/disk.img" "$path" && chown "$IT_UID:$IT_GID" "$path" &&
        echo "$path"
}
