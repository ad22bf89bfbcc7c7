# shellcheck shell=bash
# Sourced by the multi-host golden generators (tests/golden/hosts-*.gen):
# writes the hosts file virtsh reads ($XDG_CONFIG_HOME/virtsh/hosts, the
# golden harness points XDG_CONFIG_HOME into the case's scratch directory)
# naming the two test-driver "hosts": node1 (node.xml, the URI every golden
# case connects to with -c) and node2 (node2.xml: web1 again with another
# UUID, web2, cache).  Both are in the group "lab", node2 also in "east".
mkdir -p "$XDG_CONFIG_HOME/virtsh"
cat >"$XDG_CONFIG_HOME/virtsh/hosts" <<HOSTS
# NAME  URI                               GROUPS
node1   test://$GOLDEN_NODE              lab
node2   test://$GOLDEN_DATA/node2.xml    lab east
HOSTS
