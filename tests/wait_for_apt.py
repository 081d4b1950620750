"""Wait while another apt or dpkg holds one of apt's locks, saying so once; used by tests/run.sh.

apt takes these with fcntl locks (as lockf does here), so a lock taken and released at once here
means no one holds it. A lock file that cannot be opened (not root) is not waited for: apt's own
DPkg::Lock::Timeout still applies to dpkg's lock."""

from __future__ import annotations

import fcntl
import sys
import time

LOCKS = ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock", "/var/lib/apt/lists/lock",
         "/var/cache/apt/archives/lock")


def held(path: str) -> bool:
    try:
        with open(path, "a") as handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(handle, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def main(limit: float) -> int:
    deadline, said = time.monotonic() + limit, False
    while any(held(path) for path in LOCKS):
        if not said:
            print(f"Another apt or dpkg is running: waiting up to {limit:.0f} s for it to finish...",
                  file=sys.stderr)
            said = True
        if time.monotonic() > deadline:
            print("apt is still busy: carrying on, and apt will say what holds it.", file=sys.stderr)
            return 0
        time.sleep(2)
    if said:
        print("apt is free again.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 600))
