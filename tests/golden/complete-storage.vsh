# Completion of pool names (by the state the command needs) and volume
# names (in the pool given, else their paths).
complete pool-info ''
complete pool-destroy ''
pool-define-as spare dir --target /srv/spare
complete pool-start ''
complete pool-undefine ''
complete pool-autostart v
complete vol-info --pool default ''
complete vol-info --pool default w
complete vol-info ''
complete vol-list ''
complete vol-upload --pool vg0 ''
complete vol-delete lv-data --pool ''
