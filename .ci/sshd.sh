#!/usr/bin/env bash
# A local sshd for the sshfs tests (tests/nas_sshfs_test.ts, tests/copy_test.ts): installs openssh-server
# and sshfs when missing (as root, with apt-get), makes a host key and a client key for this machine's test
# runs, and starts sshd on a free loopback port, reusing one this script started before.
#
#   source .ci/sshd.sh    # .ci/run does this: exports the variables below, and PHLB_SSHFS_EXPECTED=1, so
#                         # a test that finds no sshfs fails instead of skipping
#   bash .ci/sshd.sh      # prints the same variables as KEY=VALUE lines (what the tests call when run alone,
#                         # with PHLB_SSHD_NO_INSTALL=1: a test never installs packages)
#
# PHLB_SSHFS_PORT (sshd's port on 127.0.0.1), PHLB_SSHFS_KEY (the client's private key), PHLB_SSHFS_USER.
# Nothing here is a secret: the keys are made for this machine's tests, and sshd listens on 127.0.0.1 only.

phlb_sshd_main() {
  local dir="${TMPDIR:-/tmp}/phlb-sshd-$(id -u)"
  local sshd=/usr/sbin/sshd
  if { [ ! -x "$sshd" ] || ! command -v sshfs >/dev/null 2>&1; } && [ "$(id -u)" = 0 ] &&
    [ -z "${PHLB_SSHD_NO_INSTALL:-}" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server sshfs) >/dev/null 2>&1 ||
      echo "warning: apt-get install openssh-server sshfs failed" >&2
  fi
  if [ ! -x "$sshd" ] || ! command -v sshfs >/dev/null 2>&1; then
    echo "warning: no sshd or sshfs: the sshfs tests cannot run" >&2
    return 1
  fi
  mkdir -p "$dir" && chmod 700 "$dir"
  [ -f "$dir/host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" || return 1
  [ -f "$dir/client_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key" || return 1
  cp "$dir/client_key.pub" "$dir/authorized_keys" && chmod 600 "$dir/authorized_keys"
  local port=""
  if [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null && [ -f "$dir/port" ]; then
    port=$(cat "$dir/port")
  else
    # A free port: the kernel picks one for a listening socket that is closed at once.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
      echo $((20000 + RANDOM % 20000)))
    mkdir -p /run/sshd 2>/dev/null
    cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
EOF
    "$sshd" -f "$dir/sshd_config" -E "$dir/sshd.log" || return 1
    echo "$port" >"$dir/port"
    local i
    for i in $(seq 50); do
      ssh -q -p "$port" -i "$dir/client_key" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile=/dev/null "$(id -un)@127.0.0.1" true 2>/dev/null && break
      sleep 0.1
    done
  fi
  PHLB_SSHFS_PORT=$port
  PHLB_SSHFS_KEY="$dir/client_key"
  PHLB_SSHFS_USER=$(id -un)
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced (by .ci/run): the tests must find sshfs working, or fail.
  if phlb_sshd_main; then
    export PHLB_SSHFS_PORT PHLB_SSHFS_KEY PHLB_SSHFS_USER
  fi
  export PHLB_SSHFS_EXPECTED=1
else
  phlb_sshd_main || exit 1
  echo "PHLB_SSHFS_PORT=$PHLB_SSHFS_PORT"
  echo "PHLB_SSHFS_KEY=$PHLB_SSHFS_KEY"
  echo "PHLB_SSHFS_USER=$PHLB_SSHFS_USER"
fi
