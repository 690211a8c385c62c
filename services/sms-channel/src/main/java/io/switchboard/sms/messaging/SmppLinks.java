package io.switchboard.sms.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.GatewayException;
import io.switchboard.sms.domain.GsmAlphabet;
import io.switchboard.sms.domain.InboundService;
import io.switchboard.sms.domain.InboundSms;
import io.switchboard.sms.domain.InvalidSmsException;
import io.switchboard.sms.domain.OutgoingSms;
import io.switchboard.sms.domain.ReplyService;
import io.switchboard.sms.domain.SmsEncoding;
import io.switchboard.sms.domain.SmsGateway;
import io.switchboard.sms.domain.StoreException;
import io.switchboard.sms.domain.UnavailableException;
import io.switchboard.sms.domain.UnknownNumberException;

/**
 * SMPP 3.4 links to SMSCs with jSMPP: one transceiver bind per configured link, kept alive with
 * enquire_link and rebound with exponential backoff after the link drops. deliver_sm becomes an inbound
 * text (provider {@code smpp:<link>}); a deliver_sm that is a delivery receipt becomes a status of the
 * text whose submit_sm_resp carried that message id; replies from the link's numbers go as submit_sm
 * (GSM-7 unpacked with data_coding 0, else UCS-2 with data_coding 8; longer than one part in the
 * message_payload TLV) asking for a receipt.
 */
@ApplicationScoped
public class SmppLinks {

    private static final Logger LOG = Logger.getLogger(SmppLinks.class);

    private final SmsConfig config;
    private final Instance<InboundService> inbound;
    private final Instance<ReplyService> replies;
    private final Map<String, Link> links = new ConcurrentHashMap<>();

    public SmppLinks(SmsConfig config, Instance<InboundService> inbound, Instance<ReplyService> replies) {
        this.config = config;
        this.inbound = inbound;
        this.replies = replies;
    }

    void start(@Observes StartupEvent event) {
        config.smpp().forEach((name, settings) -> {
            if (settings.enabled()) {
                Link link = new Link(name, settings);
                links.put(name, link);
                Thread thread = new Thread(link, "smpp-" + name);
                thread.setDaemon(true);
                thread.start();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        links.values().forEach(Link::halt);
    }

    /** The link that serves a number, if any. */
    public Optional<String> linkFor(String number) {
        return links.values().stream().filter(l -> l.settings.numbers().contains(number)).map(l -> l.name).findFirst();
    }

    public boolean bound(String name) {
        Link link = links.get(name);
        return link != null && link.session != null && link.session.getSessionState().isBound();
    }

    public SmsGateway.Sent send(String name, OutgoingSms sms) throws GatewayException {
        Link link = links.get(name);
        SMPPSession session = link == null ? null : link.session;
        if (session == null || !session.getSessionState().isBound()) {
            throw new GatewayException("SMPP link " + name + " is not bound", false, null);
        }
        boolean gsm = sms.segments().encoding() == SmsEncoding.GSM7;
        byte[] payload = gsm ? GsmAlphabet.encode(sms.text()) : sms.text().getBytes(StandardCharsets.UTF_16BE);
        // data_coding 0x00 (SMSC default alphabet, GSM-7 unpacked) or 0x08 (UCS-2), no message class.
        var coding = DataCodings.newInstance((byte) (gsm ? 0x00 : 0x08));
        boolean single = sms.segments().segments() <= 1;
        try {
            var result = session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, digits(sms.from()),
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, digits(sms.to()), new ESMClass(), (byte) 0, (byte) 1,
                    null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, coding, (byte) 0,
                    single ? payload : new byte[0],
                    single ? new OptionalParameter[0] : new OptionalParameter[] {new OptionalParameter.OctetString(
                            OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), payload)});
            return new SmsGateway.Sent("smpp:" + name, result.getMessageId());
        } catch (org.jsmpp.extra.NegativeResponseException refused) {
            int status = refused.getCommandStatus();
            // 0x58 throttled, 0x14 queue full, 0x08 system error: may pass later.
            boolean temporary = status == 0x58 || status == 0x14 || status == 0x08;
            throw new GatewayException("the SMSC refused submit_sm with status 0x" + Integer.toHexString(status), !temporary,
                    "0x" + Integer.toHexString(status));
        } catch (IOException | org.jsmpp.PDUException | org.jsmpp.extra.ResponseTimeoutException
                | org.jsmpp.InvalidResponseException e) {
            throw new GatewayException("SMPP link " + name + ": " + e.getMessage(), false, null);
        }
    }

    private static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    private final class Link implements Runnable, MessageReceiverListener {

        private final String name;
        private final SmsConfig.SmppLink settings;
        private volatile SMPPSession session;
        private volatile boolean running = true;

        Link(String name, SmsConfig.SmppLink settings) {
            this.name = name;
            this.settings = settings;
        }

        @Override
        public void run() {
            long wait = settings.rebindMin().toMillis();
            while (running) {
                SMPPSession candidate = new SMPPSession();
                try {
                    candidate.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
                    candidate.setTransactionTimer(settings.timeout().toMillis());
                    candidate.setMessageReceiverListener(this);
                    candidate.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX, settings.systemId(),
                            settings.password(), settings.systemType().orElse(""), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                            settings.timeout().toMillis());
                    session = candidate;
                    LOG.infof("SMPP link %s bound to %s:%d", name, settings.host(), settings.port());
                    wait = settings.rebindMin().toMillis();
                    while (running && candidate.getSessionState().isBound()) {
                        Thread.sleep(200);
                    }
                    if (running) {
                        LOG.warnf("SMPP link %s dropped (%s); rebinding", name, candidate.getSessionState());
                    }
                } catch (IOException e) {
                    LOG.warnf("SMPP link %s: bind failed (%s); retrying in %d ms", name, e.getMessage(), wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    if (!running || !candidate.getSessionState().isBound()) {
                        candidate.unbindAndClose();
                    }
                }
                if (running) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    wait = Math.min(wait * 2, settings.rebindMax().toMillis());
                }
            }
        }

        void halt() {
            running = false;
            SMPPSession current = session;
            if (current != null) {
                current.unbindAndClose();
            }
        }

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            String provider = "smpp:" + name;
            try {
                if (deliverSm.isSmscDeliveryReceipt()) {
                    DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                    String state = String.valueOf(receipt.getFinalStatus());
                    String error = receipt.getError() == null || receipt.getError().matches("0+") ? null : receipt.getError();
                    if (!replies.get().statusReported(provider, receipt.getId(), state, error, null)) {
                        LOG.infof("SMPP link %s: receipt for unknown message %s ignored", name, receipt.getId());
                    }
                    return;
                }
                String text = text(deliverSm);
                String id = "dlv:" + sha256(deliverSm.getSourceAddr() + "|" + deliverSm.getDestAddress() + "|" + deliverSm.getSequenceNumber()
                        + "|" + text);
                inbound.get().receive(new InboundSms(provider, id, "+" + deliverSm.getSourceAddr(), "+" + deliverSm.getDestAddress(),
                        text, List.of()));
            } catch (InvalidDeliveryReceiptException | InvalidSmsException e) {
                LOG.warnf("SMPP link %s: unreadable deliver_sm refused: %s", name, e.getMessage());
                throw new ProcessRequestException(e.getMessage(), 0x0000000C); // ESME_RINVMSGID-ish: do not resend as is
            } catch (UnknownNumberException e) {
                throw new ProcessRequestException(e.getMessage(), 0x0000000B); // ESME_RINVDSTADR
            } catch (UnavailableException | StoreException e) {
                throw new ProcessRequestException(e.getMessage(), 0x00000008); // ESME_RSYSERR: the SMSC retries
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", 0x00000003); // ESME_RINVCMDID
        }

        private String text(DeliverSm pdu) throws InvalidSmsException {
            byte[] bytes = pdu.getShortMessage();
            if ((bytes == null || bytes.length == 0) && pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD) != null) {
                bytes = ((OptionalParameter.OctetString) pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)).getValue();
            }
            bytes = bytes == null ? new byte[0] : bytes;
            Alphabet alphabet = DataCodings.newInstance(pdu.getDataCoding()) instanceof GeneralDataCoding general ? general.getAlphabet()
                    : Alphabet.ALPHA_DEFAULT;
            return switch (alphabet) {
                case ALPHA_UCS2 -> {
                    if (bytes.length % 2 != 0) {
                        throw new InvalidSmsException("a UCS-2 short message of odd length");
                    }
                    yield new String(bytes, StandardCharsets.UTF_16BE);
                }
                case ALPHA_LATIN1 -> new String(bytes, StandardCharsets.ISO_8859_1);
                default -> GsmAlphabet.decode(bytes);
            };
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
