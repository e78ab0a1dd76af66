#!/usr/bin/env bash
# The test command (README, "Set up"; .ci/run calls it). On a fresh Debian machine it
# installs what the tests need and is not there yet, then runs every test:
#   mosquitto  the MQTT broker the fleet tests start on a free loopback port
#   chromium   the browser the web terminal's Playwright test drives headless
#   unifont    GNU Unifont, the source of the web LCD's bitmap font subset
# Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/unifont/unifont.hex ] || [ -e /usr/share/unifont/unifont.hex.gz ] || need+=(unifont)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

exec dotnet test "$@"
