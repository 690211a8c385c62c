package io.switchboard.sms;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.RandomMessageIDGenerator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An SMSC played by jSMPP's own server side (SMPPServerSessionListener) on a random port: it accepts a
 * transceiver bind with the link's credentials, records submit_sm and answers with a message id, and
 * lets a test send deliver_sm (texts and delivery receipts) and drop the link.
 */
public class SmscResource implements QuarkusTestResourceLifecycleManager {

    public static final String NUMBER = "+447700900200";
    private static Smsc smsc;

    public static Smsc smsc() {
        return smsc;
    }

    @Override
    public Map<String, String> start() {
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            smsc = new Smsc(port);
            Thread thread = new Thread(smsc, "test-smsc");
            thread.setDaemon(true);
            thread.start();
            String p = "switchboard.sms.smpp.smsc.";
            return Map.of(p + "host", "127.0.0.1", p + "port", String.valueOf(port), p + "system-id", "switchboard",
                    p + "password", "smpp-pw", p + "numbers", NUMBER, p + "enquire-link", "1s", p + "rebind-min", "200ms",
                    p + "rebind-max", "1s", p + "timeout", "5s");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (smsc != null) {
            smsc.close();
        }
    }

    public static final class Smsc implements Runnable, ServerMessageReceiverListener {

        public final BlockingQueue<SubmitSm> submitted = new LinkedBlockingQueue<>();
        public final BlockingQueue<String> messageIds = new LinkedBlockingQueue<>();
        public final AtomicInteger binds = new AtomicInteger();
        private final SMPPServerSessionListener listener;
        private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
        private volatile SMPPServerSession current;
        private volatile boolean running = true;

        Smsc(int port) throws IOException {
            listener = new SMPPServerSessionListener(port);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    SMPPServerSession session = listener.accept();
                    session.setMessageReceiverListener(this);
                    BindRequest bind = session.waitForBind(5000);
                    if (bind.getBindType() == BindType.BIND_TRX && "switchboard".equals(bind.getSystemId())
                            && "smpp-pw".equals(bind.getPassword())) {
                        bind.accept("test-smsc");
                        current = session;
                        binds.incrementAndGet();
                    } else {
                        bind.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                    }
                } catch (Exception e) {
                    if (!running) {
                        return;
                    }
                }
            }
        }

        public boolean bound() {
            SMPPServerSession session = current;
            return session != null && session.getSessionState().isBound();
        }

        /** A customer's text arriving from the network. */
        public void deliver(String from, String to, String text, boolean ucs2) throws Exception {
            current.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from.substring(1),
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to.substring(1), new ESMClass(), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), new GeneralDataCoding(ucs2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT,
                            MessageClass.CLASS1, false),
                    ucs2 ? text.getBytes(StandardCharsets.UTF_16BE) : io.switchboard.sms.domain.GsmAlphabet.encode(text));
        }

        /** The handset's delivery receipt for a message id this SMSC handed out. */
        public void receipt(String from, String to, String messageId, DeliveryReceiptState state) throws Exception {
            DeliveryReceipt receipt = new DeliveryReceipt(messageId, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, new Date(),
                    new Date(), state, state == DeliveryReceiptState.DELIVRD ? "000" : "001", "receipt");
            current.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to.substring(1),
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from.substring(1),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT, MessageClass.CLASS1, false),
                    receipt.toString().getBytes(StandardCharsets.US_ASCII));
        }

        /** The network drops the link (the SMSC restarts). */
        public void drop() {
            SMPPServerSession session = current;
            current = null;
            if (session != null) {
                session.close();
            }
        }

        void close() {
            running = false;
            drop();
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            MessageId id = ids.newMessageId();
            submitted.add(submitSm);
            messageIds.add(id.getValue());
            return new SubmitSmResult(id, new org.jsmpp.bean.OptionalParameter[0]);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
