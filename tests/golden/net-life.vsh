# modes: text json
# define, start, autostart, destroy, undefine; create makes a transient
# network that destroy removes.  Each step shows in net-list.
net-define net-new.xml
net-list --all
net-start newnet
net-autostart newnet
net-list --autostart
net-autostart newnet --disable
net-destroy newnet
net-list --inactive
net-undefine newnet
net-list --all
net-create net-new.xml
net-list --transient
net-destroy newnet
net-list --all
net-start default
net-define dom-not-wellformed.xml
net-define nosuch.xml
net-create net-new.xml --validate
net-undefine newnet
