package io.switchboard.service.messaging;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

/**
 * Decodes what a service consumes. A malformed CloudEvent or an unknown type is logged with its
 * topic, partition and offset and skipped, so one bad record never crashes a consumer or blocks
 * its partition.
 */
public final class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private IncomingEvents() {
    }

    public static Optional<SwitchboardEvent> decode(ConsumerRecord<String, byte[]> record) {
        DecodeResult result = EventCodec.decode(record.value());
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        if (result instanceof DecodeResult.Decoded decoded) {
            return Optional.of(decoded.event());
        }
        if (result instanceof DecodeResult.UnknownType unknown) {
            LOG.infof("skipping event of unknown type %s (id %s) at %s", unknown.type(), unknown.id(), where);
        } else if (result instanceof DecodeResult.Malformed malformed) {
            LOG.warnf("skipping malformed record at %s: %s", where, malformed.reason());
        }
        return Optional.empty();
    }
}
