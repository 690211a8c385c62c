"""Prints one contact's events as they happen, a line each (type, then the event's data), until its
contact.ended has come and both topics are read to their end, or the timeout. Kafka keeps a contact's
events in order within a topic, not across the two: sort by the events' `time` where order matters.

    python3 follow_contact.py CONTACT_ID [timeout-seconds]

It reads routing's topic and the contacts topic with a consumer group of its own (a new one per run,
from the beginning, which suits a local platform; give yours a fixed group.id to resume where it was).
"""
import json
import os
import sys
import time
import uuid

from confluent_kafka import Consumer

TOPICS = ["switchboard.routing.v1", "switchboard.contacts.v1"]


def main() -> None:
    contact_id = sys.argv[1]
    deadline = time.monotonic() + (float(sys.argv[2]) if len(sys.argv) > 2 else 60)
    consumer = Consumer({
        "bootstrap.servers": os.environ.get("SWITCHBOARD_BOOTSTRAP", "127.0.0.1:9092"),
        "group.id": f"integrator-follow-{uuid.uuid4()}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe(TOPICS)
    ended = False
    try:
        while time.monotonic() < deadline:
            record = consumer.poll(1.0)
            if record is None:
                if ended:
                    return  # caught up on both topics after the end
                continue
            if record.error() or record.key() != contact_id.encode():
                continue
            event = json.loads(record.value())
            print(f"{event['type']}\t{json.dumps(event['data'], separators=(',', ':'))}", flush=True)
            ended = ended or event["type"] == "io.switchboard.contact.ended.v1"
    finally:
        consumer.close()
    sys.exit(f"follow_contact: no contact.ended for {contact_id} within the timeout")


if __name__ == "__main__":
    main()
