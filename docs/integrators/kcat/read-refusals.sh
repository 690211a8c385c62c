#!/usr/bin/env bash
# Prints what the platform refused of the records with this key, a line each: which consumer, the
# reason code, the field at fault, where the record was (topic/partition@offset) and why.
#   read-refusals.sh KEY
set -euo pipefail
broker="${SWITCHBOARD_BOOTSTRAP:-127.0.0.1:9092}"
# kcat -J gives each record's headers as [name, value, name, value, ...].
kcat -C -b "$broker" -t switchboard.deadletter.v1 -o beginning -e -q -J |
  jq -r --arg key "$1" 'select(.key == $key)
    | .headers as $h | ([range(0; $h | length; 2) | {($h[.]): $h[. + 1]}] | add) as $r
    | "consumer=\($r["__connect.errors.connector.name"]) reason=\($r["switchboard.refusal.reason"])"
      + " field=\($r["switchboard.refusal.field"] // "-")"
      + " at=\($r["__connect.errors.topic"])/\($r["__connect.errors.partition"])@\($r["__connect.errors.offset"])"
      + "\n  \($r["__connect.errors.exception.message"])"'
