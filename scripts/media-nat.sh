#!/usr/bin/env bash
# A citizen behind a NAT, for the browser media tests (scripts/test-media.sh): two more
# network namespaces behind the client's one, which routes between them and the server —
# like the internet between a home router and the server; still no route out:
#   <cz>   10.78.0.2, default route through <nat>: the citizen's Chromium runs here
#   <nat>  10.78.0.1 inside; 10.79.0.2 outside (veth to <cit> 10.79.0.1), and masquerades
#          whatever leaves that way (nftables)
#   <cit>  forwards between 10.79.0.0/24 and the server's 10.77.0.0/24; <srv> routes
#          10.79.0.0/24 through it (10.77.0.2)
# The server sees only the NAT's address 10.79.0.2, and answers it by the interface Janus
# is bound to: Janus's media sockets send by that interface only (a NAT reached through
# another link of the server's never gets an answer). Also writes <dir>/chromium-nat: a
# Chromium started inside <cz> (Playwright launches it over a pipe, which `ip netns exec`
# keeps).
# Usage: media-nat.sh up SRV_NS CIT_NS TAG DIR  |  media-nat.sh down TAG   (root)
set -euo pipefail
action=$1
case $action in
  up)
    srv=$2 cit=$3 tag=$4 dir=$5
    nat=kmnat$tag
    cz=kmcz$tag
    ip netns add "$nat"
    ip netns add "$cz"
    for ns in "$nat" "$cz"; do
      ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
      ip -n "$ns" link set lo up
    done
    ip link add "kcn$tag" type veth peer name "kno$tag"
    ip link set "kcn$tag" netns "$cit"
    ip link set "kno$tag" netns "$nat"
    ip link add "kni$tag" type veth peer name "kcz$tag"
    ip link set "kni$tag" netns "$nat"
    ip link set "kcz$tag" netns "$cz"
    ip -n "$cit" addr add 10.79.0.1/24 dev "kcn$tag"
    ip -n "$nat" addr add 10.79.0.2/24 dev "kno$tag"
    ip -n "$nat" addr add 10.78.0.1/24 dev "kni$tag"
    ip -n "$cz" addr add 10.78.0.2/24 dev "kcz$tag"
    ip -n "$cit" link set "kcn$tag" up
    ip -n "$nat" link set "kno$tag" up
    ip -n "$nat" link set "kni$tag" up
    ip -n "$cz" link set "kcz$tag" up
    ip -n "$cz" route add default via 10.78.0.1
    ip -n "$nat" route add 10.77.0.0/24 via 10.79.0.1
    ip -n "$srv" route add 10.79.0.0/24 via 10.77.0.2
    ip netns exec "$cit" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "$nat" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "$nat" nft -f - <<EOF
table ip kelisim_nat {
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "kno$tag" masquerade
  }
}
EOF
    cat >"$dir/chromium-nat" <<EOF
#!/bin/sh
exec ip netns exec $cz ${CHROMIUM_PATH:-/usr/bin/chromium} "\$@"
EOF
    chmod 755 "$dir/chromium-nat"
    ;;
  down)
    tag=$2
    ip netns del "kmcz$tag" 2>/dev/null || true
    ip netns del "kmnat$tag" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 up SRV_NS CIT_NS TAG DIR | down TAG" >&2
    exit 2
    ;;
esac
