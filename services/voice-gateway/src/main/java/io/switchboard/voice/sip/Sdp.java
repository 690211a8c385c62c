package io.switchboard.voice.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;

import javax.sdp.Attribute;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import javax.sip.message.Response;

import io.switchboard.voice.media.Rtp;

/**
 * SDP offer/answer (RFC 3264) for G.711 audio with RFC 4733 telephone events: reads a peer's
 * description with JAIN-SIP's SDP parser and writes ours.
 */
public final class Sdp {

    /** What we agreed with a peer: where to send audio, the codec and the telephone-event type (-1: none). */
    public record Offer(InetSocketAddress audio, List<Integer> payloadTypes, int telephoneEvent, String direction) {

        /** PCMU if offered, else PCMA, else -1 (nothing we can play or relay: 488). */
        public int codec() {
            return payloadTypes.contains(Rtp.PCMU) ? Rtp.PCMU : payloadTypes.contains(Rtp.PCMA) ? Rtp.PCMA : -1;
        }

        public boolean onHold() {
            return "sendonly".equals(direction) || "inactive".equals(direction) || audio.getAddress().isAnyLocalAddress();
        }
    }

    private Sdp() {
    }

    /**
     * The audio address of a 2xx's SDP answer; empty when the answer has no usable SDP (the leg then
     * sends where the peer's RTP comes from: symmetric RTP).
     */
    public static Optional<InetSocketAddress> answer(Response answer) {
        try {
            return Optional.of(read(new String(answer.getRawContent(), StandardCharsets.UTF_8)).audio());
        } catch (SdpException | RuntimeException unusable) {
            return Optional.empty();
        }
    }

    /** Reads the first audio stream of a description; throws {@link SdpException} on anything unusable. */
    @SuppressWarnings("unchecked")
    public static Offer read(String text) throws SdpException {
        SessionDescription description = SdpFactory.getInstance().createSessionDescription(text);
        Vector<MediaDescription> media = description.getMediaDescriptions(false);
        if (media == null) {
            throw new SdpException("no media");
        }
        for (MediaDescription stream : media) {
            if (!"audio".equalsIgnoreCase(stream.getMedia().getMediaType())) {
                continue;
            }
            var connection = stream.getConnection() != null ? stream.getConnection() : description.getConnection();
            if (connection == null) {
                throw new SdpException("no connection address");
            }
            Vector<String> formats = stream.getMedia().getMediaFormats(false);
            if (formats == null) {
                throw new SdpException("an audio stream without payload types");
            }
            List<Integer> types = new ArrayList<>();
            for (String format : formats) {
                types.add(payloadType(format));
            }
            int telephoneEvent = -1;
            String direction = "sendrecv";
            Vector<Attribute> attributes = stream.getAttributes(false);
            if (attributes != null) {
                for (Attribute attribute : attributes) {
                    String name = attribute.getName();
                    String value = attribute.getValue();
                    if ("rtpmap".equals(name) && value != null && value.toLowerCase(Locale.ROOT).contains("telephone-event")) {
                        telephoneEvent = payloadType(value.trim().split("\\s+")[0]);
                    } else if (List.of("sendrecv", "sendonly", "recvonly", "inactive").contains(name)) {
                        direction = name;
                    }
                }
            }
            int port = stream.getMedia().getMediaPort();
            if (port < 0 || port > 65_535) {
                throw new SdpException("the audio port " + port + " is not a UDP port");
            }
            InetSocketAddress audio = new InetSocketAddress(connection.getAddress(), port);
            if (audio.isUnresolved()) {
                // a name that does not resolve has no IP: RTP cannot be sent there and onHold() would fail on it
                throw new SdpException("the connection address " + connection.getAddress() + " does not resolve");
            }
            return new Offer(audio, types, telephoneEvent, direction);
        }
        throw new SdpException("no audio stream");
    }

    /** An RTP payload type (RFC 3550: 7 bits); anything else makes the description unusable. */
    private static int payloadType(String text) throws SdpException {
        try {
            int type = Integer.parseInt(text.trim());
            if (type >= 0 && type <= 127) {
                return type;
            }
        } catch (NumberFormatException notANumber) {
            // refused below with the text
        }
        throw new SdpException("not an RTP payload type: " + text);
    }

    /** Our description: one audio stream on {@code port} with {@code codec} and, when the peer offered it, telephone events. */
    public static String write(String host, int port, int codec, int telephoneEvent, long sessionVersion) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=switchboard ").append(sessionVersion).append(' ').append(sessionVersion).append(" IN IP4 ").append(host).append("\r\n")
                .append("s=switchboard\r\n")
                .append("c=IN IP4 ").append(host).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP ").append(codec);
        if (telephoneEvent >= 0) {
            sdp.append(' ').append(telephoneEvent);
        }
        sdp.append("\r\n").append("a=rtpmap:").append(codec).append(codec == Rtp.PCMA ? " PCMA/8000" : " PCMU/8000").append("\r\n");
        if (telephoneEvent >= 0) {
            sdp.append("a=rtpmap:").append(telephoneEvent).append(" telephone-event/8000\r\n")
                    .append("a=fmtp:").append(telephoneEvent).append(" 0-15\r\n");
        }
        sdp.append("a=ptime:20\r\na=sendrecv\r\n");
        return sdp.toString();
    }
}
