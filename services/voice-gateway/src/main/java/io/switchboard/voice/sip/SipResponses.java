package io.switchboard.voice.sip;

import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import io.switchboard.voice.domain.SignallingEvents;

/**
 * The answers to our INVITEs, as the call flow's commands: a 2xx is ACKed and reported (a leg nobody
 * wants any more gets a BYE), a refusal or a timeout is reported. A carrier's digest challenge to an
 * own call's INVITE is answered once with our trunk account before anything is reported.
 */
final class SipResponses {

    private static final Logger LOG = Logger.getLogger(SipResponses.class);

    private final SipStack sip;
    private final SipSignalling signalling;
    private final SignallingEvents calls;
    /** Present when the carrier gave us an account: its challenges to our INVITEs are answered. */
    private final Optional<AuthenticationHelper> trunkAccount;
    /** The header a carrier reports answering-machine detection in on its 200 OK (X-Answered-By). */
    private final String answeredByHeader;

    SipResponses(SipStack sip, SipSignalling signalling, SignallingEvents calls, Optional<AuthenticationHelper> trunkAccount,
            String answeredByHeader) {
        this.answeredByHeader = answeredByHeader;
        this.sip = sip;
        this.signalling = signalling;
        this.calls = calls;
        this.trunkAccount = trunkAccount;
    }

    void response(ResponseEvent event) throws SipException, InvalidArgumentException {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        int status = response.getStatusCode();
        if (!Request.INVITE.equals(cseq.getMethod()) || status < 200) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        Dialog dialog = event.getDialog();
        if (status < 300 && dialog != null) {
            dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && answerChallenge(callId, response)) {
            return;
        }
        if (status >= 300) {
            calls.refused(callId, status, response.getReasonPhrase());
            return;
        }
        SipLegs.Leg leg = signalling.legs().find(callId);
        if (leg != null && leg.dialog == null) {
            leg.dialog = dialog;
        }
        if (!calls.answered(callId, Sdp.answer(response), answeredBy(response))) {
            signalling.sendBye(dialog);
        }
    }

    /** The carrier's answering-machine verdict on a 2xx, when it gives one. */
    private Optional<String> answeredBy(Response response) {
        Header header = response.getHeader(answeredByHeader);
        if (header instanceof ExtensionHeader extension) {
            return Optional.ofNullable(extension.getValue()).filter(value -> !value.isBlank());
        }
        return Optional.ofNullable(header).map(h -> h.toString().substring(h.toString().indexOf(':') + 1).strip())
                .filter(value -> !value.isBlank());
    }

    /** An INVITE of ours (to an agent's phone, to a customer, to an outside number) got no answer at all. */
    void timeout(ClientTransaction transaction) {
        if (transaction != null && Request.INVITE.equals(transaction.getRequest().getMethod())) {
            calls.timedOut(((CallIdHeader) transaction.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
        }
    }

    /** The carrier asks who we are: the INVITE again with our credentials, once; a second challenge means they are wrong. */
    private boolean answerChallenge(String callId, Response challenge) {
        SipLegs.Leg leg = signalling.legs().find(callId);
        if (trunkAccount.isEmpty() || leg == null || leg.challenged || leg.clientInvite == null || !calls.dialling(callId)) {
            return false;
        }
        try {
            ClientTransaction retry = trunkAccount.get().handleChallenge(challenge, leg.clientInvite, sip.provider, 5);
            leg.challenged = true;
            leg.clientInvite = retry;
            retry.sendRequest();
            return true;
        } catch (SipException | RuntimeException e) {
            LOG.warnf("the trunk's challenge for call %s not answered: %s", callId, e.getMessage());
            return false;
        }
    }
}
