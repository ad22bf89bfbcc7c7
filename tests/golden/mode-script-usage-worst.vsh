# A usage error (2) outranks a failure (1), whatever the order.
start web1
dominfo
start web1
echo done
