"""Publishes a new contact to Switchboard with confluent-kafka, and prints its contact id.

    python3 publish_contact.py [contact-id [event-id]]

The event id is the idempotency key: publishing the same event id twice makes one contact.
"""
import json
import os
import sys
import uuid
from datetime import datetime, timezone

from confluent_kafka import Producer

TOPIC = "switchboard.contacts.v1"


def contact_created(contact_id: str, event_id: str) -> dict:
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    data = {
        "eventId": event_id,
        "tenantId": "acme-bank",
        "occurredAt": now,
        "contactId": contact_id,
        "channel": "CHAT",
        "direction": "INBOUND",
        "entryPoint": "widget-acme",
        "from": {"kind": "CHAT_VISITOR", "value": "crm-visitor-4711"},
        "customerHints": {"name": "Jane Doe", "email": "jane.doe@example.com"},
        "subject": "Card payment refused",
        "text": "My card was refused at the till twice today.",
        "language": "en",
        "priority": 0,
        "metadata": {"crmTicket": "T-4711"},
    }
    # The CloudEvent envelope: id and tenantid repeat the data's eventId and tenantId.
    return {
        "specversion": "1.0",
        "id": event_id,
        "source": "/integrations/acme-crm",
        "type": "io.switchboard.contact.created.v1",
        "subject": contact_id,
        "time": now,
        "datacontenttype": "application/json",
        "tenantid": "acme-bank",
        "data": data,
    }


def main() -> None:
    contact_id = sys.argv[1] if len(sys.argv) > 1 else f"crm-{uuid.uuid4()}"
    event_id = sys.argv[2] if len(sys.argv) > 2 else str(uuid.uuid4())
    producer = Producer({
        "bootstrap.servers": os.environ.get("SWITCHBOARD_BOOTSTRAP", "127.0.0.1:9092"),
        "acks": "all",
        "enable.idempotence": True,
        # Java's partitioner, so this contact's events share a partition with those the platform publishes.
        "partitioner": "murmur2_random",
    })
    failures = []
    producer.produce(TOPIC, key=contact_id, value=json.dumps(contact_created(contact_id, event_id)).encode(),
                     headers={"content-type": "application/cloudevents+json"},
                     on_delivery=lambda err, msg: err and failures.append(err))
    producer.flush(30)
    if failures:
        sys.exit(f"not published: {failures[0]}")
    print(contact_id)


if __name__ == "__main__":
    main()
