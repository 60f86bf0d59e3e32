#!/bin/bash

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# >>> CounterShield: the PC's machine key (docs/IT.md「管理者の暗証番号による登録」, electron/core/machine/machineProtector.ts)
# and the empty machine-wide marks file beside it
# Everything above is electron-builder's own after-install.tpl, unchanged (test/unit/packaging/debAfterInstall.test.ts
# fails when an upgrade changes it). This block does what IT's documented `install` command did by hand: a 32-byte
# random key, root:counter-shield 0640, in a root-owned 0755 folder. An existing key is never replaced: it wraps every
# administrator's enrolment slot on this PC, and a new one would orphan them all. COUNTER_SHIELD_TEST_ROOT is set only
# by that test (a temporary root with its own etc/group); dpkg never sets it.
cs_group_id() {
  if [ -n "$cs_root" ]; then
    awk -F: -v g="$1" '$1 == g { print $3 }' "$cs_root/etc/group"
  else
    getent group "$1" | cut -d: -f3
  fi
}
cs_machine_key() {
  cs_root="${COUNTER_SHIELD_TEST_ROOT:-}"
  local dir="$cs_root/etc/counter-shield" group=counter-shield gid tmp
  local key="$dir/machine.key"
  gid="$(cs_group_id "$group")"
  if [ -z "$gid" ]; then
    if [ -n "$cs_root" ]; then groupadd --system --prefix "$cs_root" "$group" || return 1; else groupadd --system "$group" || return 1; fi
    gid="$(cs_group_id "$group")"
    [ -n "$gid" ] || return 1
  fi
  install -d -m 0755 -o 0 -g 0 "$dir" || return 1
  # The machine-wide high-water marks (electron/core/fleet/highWater.ts) live beside the policy, where the app cannot
  # create a file: made empty here (empty = never written), writable by the group, in a folder only root can change —
  # so a counter account can rewrite it but not delete or replace it (the NSIS installer's ACL on Windows). Kept as it is
  # when it exists: an upgrade must not start the marks over.
  if [ ! -e "$dir/fleet-marks.json" ]; then
    install -m 0660 -o 0 -g "$gid" /dev/null "$dir/fleet-marks.json" || return 1
  fi
  if [ -s "$key" ]; then
    # Left exactly as it is. The app refuses a key file root does not own or others can write (E_MACHINE_KEY_UNAVAILABLE).
    echo "CounterShield: keeping the existing machine key $key"
    return 0
  fi
  tmp="$(umask 077 && mktemp "$dir/.machine.key.XXXXXX")" || return 1
  head -c 32 /dev/urandom > "$tmp" && chown "0:$gid" "$tmp" && chmod 0640 "$tmp" &&
    # Synced before the rename: a power cut leaves no key or the whole key, never a short one.
    sync "$tmp" && mv -f "$tmp" "$key" && sync "$dir" || { rm -f "$tmp"; return 1; }
  echo "CounterShield: created the machine key $key (root:$group 0640)"
}
# A failure here does not fail the package: without the key the app enrols with the recovery key (docs/IT.md).
cs_machine_key || echo "CounterShield: the machine key was not created; create it as docs/IT.md describes" >&2
# <<< CounterShield
