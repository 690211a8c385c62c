#!/usr/bin/env bash
# Publishes docs/integrators/contact-created.json as a new contact with kcat, and prints its contact id.
#   publish-contact.sh [contact-id [event-id [time]]]
# The event id is the idempotency key: publishing the same event (id, contact and time) twice makes one
# contact; another event under a used id is refused (DUPLICATE_ID_CONFLICT).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
broker="${SWITCHBOARD_BOOTSTRAP:-127.0.0.1:9092}"
contact_id="${1:-crm-$(cat /proc/sys/kernel/random/uuid)}"
event_id="${2:-$(cat /proc/sys/kernel/random/uuid)}"
now="${3:-$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)}"

event="$(mktemp)"
trap 'rm -f "$event"' EXIT
sed -e "s/@EVENT_ID@/$event_id/g" -e "s/@CONTACT_ID@/$contact_id/g" -e "s/@TIME@/$now/g" \
  "$here/../contact-created.json" > "$event"

# One file is one record; the key is the contact id, so all of a contact's events share a partition,
# with Java's partitioner (murmur2) as the platform's producers use, not librdkafka's default (CRC32).
kcat -P -b "$broker" -t switchboard.contacts.v1 -k "$contact_id" -X partitioner=murmur2_random \
  -H "content-type=application/cloudevents+json" "$event"
echo "$contact_id"
