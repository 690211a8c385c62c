#!/usr/bin/env bash
# Prints the events of one contact, a line each (type, then the event's data), from routing's topic and
# the contacts topic, until its contact.ended or the timeout.
#   follow-contact.sh CONTACT_ID [timeout-seconds]
# It reads both topics from the beginning each round, which suits a local platform; against a shared
# cluster, consume with a group of your own instead (kcat -G, docs/integrators.md).
set -euo pipefail
broker="${SWITCHBOARD_BOOTSTRAP:-127.0.0.1:9092}"
contact_id="$1"
deadline=$((SECONDS + ${2:-60}))
printed=0
while ((SECONDS < deadline)); do
  events="$(for topic in switchboard.routing.v1 switchboard.contacts.v1; do
    kcat -C -b "$broker" -t "$topic" -o beginning -e -q -J
  done | jq -c --arg key "$contact_id" 'select(.key == $key) | .payload | fromjson | [.time, .type, .data]' |
    sort | jq -r '"\(.[1])\t\(.[2] | tojson)"')"
  count="$(grep -c . <<< "$events" || true)"
  if ((count > printed)); then
    tail -n "+$((printed + 1))" <<< "$events"
    printed=$count
  fi
  grep -q '^io.switchboard.contact.ended.v1' <<< "$events" && exit 0
  sleep 1
done
echo "follow-contact: no contact.ended for $contact_id within the timeout" >&2
exit 1
