#!/bin/sh
# The wall PC: Chromium full screen on the wall URL, sound allowed without a click (for the
# chime), the screen never blanked, and Chromium started again whenever it exits or crashes.
# Run it from the kiosk user's X session (e.g. ~/.config/autostart or an X session script):
#   FRAUDWALL_URL='https://wall.example/?token=…&sound=1' deploy/kiosk/fraudwall-kiosk.sh
set -u
URL="${FRAUDWALL_URL:?set FRAUDWALL_URL to the wall, e.g. https://wall.example/?token=…}"
PROFILE="${FRAUDWALL_KIOSK_PROFILE:-$HOME/.fraudwall-kiosk}"

# No screen saver, no power saving: a control-room wall is always on.
if command -v xset >/dev/null 2>&1; then
  xset s off
  xset s noblank
  xset -dpms
fi

while true; do
  # A crash must not leave the "restore pages?" bubble on the wall.
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"Crashed"/"exit_type":"Normal"/' \
    "$PROFILE/Default/Preferences" 2>/dev/null
  chromium \
    --user-data-dir="$PROFILE" \
    --kiosk \
    --noerrdialogs \
    --disable-infobars \
    --disable-session-crashed-bubble \
    --disable-translate \
    --no-first-run \
    --autoplay-policy=no-user-gesture-required \
    --disable-background-timer-throttling \
    --disable-renderer-backgrounding \
    --check-for-update-interval=31536000 \
    "$URL"
  sleep 3
done
